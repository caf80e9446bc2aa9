true & p=$!
wait $p; echo $?
test -n "$p" && echo have-pid
(exit 5) & wait $!; echo $?
