type echo
type if
f() { :; }
type f
type no_such_type_x >discard.out 2>&1 || echo notfound
