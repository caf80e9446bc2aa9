[ ! -z x ] && echo not
[ a = a -a b = b ] && echo and
[ a = b -o b = b ] && echo or
[ \( a = a \) ] && echo parens
[ ! a = b ] && echo negate-binary
