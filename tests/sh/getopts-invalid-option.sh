getopts ab o -q 2>discard.out; echo "$? $o"
