f() { local n=$1; [ $n -gt 0 ] && f $((n-1)); echo "n=$n"; }
f 2
