times > discard.out; echo $?
