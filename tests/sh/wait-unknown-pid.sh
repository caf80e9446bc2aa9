wait 999999 2>discard.out; echo $?
