{ echo a; echo b; } > rc_grp
for i in 1 2; do echo $i; done > rc_loop
if true; then echo c; fi > rc_if
cat rc_grp rc_loop rc_if
