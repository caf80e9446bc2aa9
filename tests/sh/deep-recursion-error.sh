f() { f; }
f 2>discard.out
echo notreached
