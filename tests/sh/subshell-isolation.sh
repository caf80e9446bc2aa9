x=1
(x=2; echo in $x)
echo out $x
(cd /; test "$PWD" = / && echo in-root)
test "$PWD" != / && echo still-here
