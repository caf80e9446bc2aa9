readonly R=1
(R=2) 2>discard.out || echo refused
echo $R
