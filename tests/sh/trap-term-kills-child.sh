while :; do :; done &
kill $!
wait $!
echo $?
