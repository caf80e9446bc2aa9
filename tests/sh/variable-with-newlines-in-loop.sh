list="a
b c"
for w in $list; do echo "<$w>"; done
