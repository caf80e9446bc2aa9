f() { echo f; }
unset -f f
f 2>discard.out || echo gone
