: > gv_one
p="gv_*"
echo $p "$p"
