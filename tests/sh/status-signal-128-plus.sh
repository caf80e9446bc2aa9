while :; do :; done &
kill -TERM $!
wait $!; echo $?
while :; do :; done &
kill -9 $!
wait $!; echo $?
