x=1 > rao_file
test -f rao_file && echo created $x
