cd /no/such/dir 2>discard.out || echo failed
echo $PWD | { read p; test "$p" = "$PWD" && echo unchanged; }
