alias greet='echo hello'
greet world
unalias greet
greet 2>discard.out || echo gone
