set -- outer1 outer2
f() { set -- in; echo "$# $1"; }
f a b c
echo "$# $1"
