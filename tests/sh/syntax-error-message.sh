"$SH" -c 'echo ok
if true; then
fi' 2>&1
echo "status $?"
