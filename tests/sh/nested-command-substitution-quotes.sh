echo "$(echo "$(echo "a b")" c)"
