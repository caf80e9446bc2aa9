[ 1 = 1; echo $?
test 1 -eq x 2>discard.out; echo $?
