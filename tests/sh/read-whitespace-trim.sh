echo "   lead  mid   trail   " | { read x y; echo "[$x][$y]"; }
