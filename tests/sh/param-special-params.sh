set -- a b
echo $#
false; echo $?
test $$ -gt 0 && echo pid-ok
true & test "$!" -gt 0 && echo bgpid-ok
wait
