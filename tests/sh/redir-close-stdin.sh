cat <&- 2>discard.out; echo done
