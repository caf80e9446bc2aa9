x="1 2"
set -- a${x}b
printf "[%s]" "$@"; echo
