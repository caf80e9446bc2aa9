IFS=:
set -- "a:b" c
for x in $1 "$2"; do echo "[$x]"; done
