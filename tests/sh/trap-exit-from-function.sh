f() { exit 4; }
trap 'echo cleanup' EXIT
f
echo no
