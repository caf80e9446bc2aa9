set -- "a b" c "" d
for x in "$@"; do echo "<$x>"; done
