f() { echo "x=$x"; }
x=1 f
echo "after [${x-unset}]"
