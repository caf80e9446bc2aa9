f() { echo "from f $1"; }
x=$(f arg)
echo "$x"
