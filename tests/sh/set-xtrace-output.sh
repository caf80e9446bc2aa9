exec 2>&1
set -x
x=1 y="a b"
echo "$y"
set +x
