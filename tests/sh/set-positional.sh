set -- a b c
echo $# $2
set --
echo $#
set -- -x y
echo "$1"
