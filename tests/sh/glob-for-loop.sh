: > gf_1; : > gf_2
for f in gf_*; do echo "file $f"; done
