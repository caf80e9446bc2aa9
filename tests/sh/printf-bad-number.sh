printf "%d\n" abc 2>discard.out; echo "status $?"
