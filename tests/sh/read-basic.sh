echo "hello world" | { read a b; echo "[$a] [$b]"; }
