echo() { printf "wrapped %s\n" "$*"; }
echo hi
command echo real
unset -f echo
echo plain
