for w in a "b c" d; do echo "[$w]"; done
