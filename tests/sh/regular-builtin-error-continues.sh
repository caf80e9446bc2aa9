cd /no/such/dir 2>discard.out
echo continues
