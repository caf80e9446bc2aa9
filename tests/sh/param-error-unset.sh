unset x
(: ${x?}) 2>discard.out; echo $?
