echo hi >&- 2>discard.out; echo $?
