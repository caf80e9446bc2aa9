"$SH" -c 'echo "abc' 2>discard.out
echo "status $?"
