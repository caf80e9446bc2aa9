readonly r=1
(: ${r:=2}) 2>discard.out || echo failed
(unset r) 2>discard.out || echo unset-failed
echo $r
