cd /
cd "$TMPDIR"
cd - >discard.out
echo $PWD
