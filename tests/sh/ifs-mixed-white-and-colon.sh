IFS=" :"
x=" a : b :: c "
set -- $x
printf "[%s]" "$@"; echo
