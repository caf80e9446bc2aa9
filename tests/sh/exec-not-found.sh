echo before
exec no_such_exec_cmd 2>discard.out
echo no
