set --
set -- "$@"
echo $#
set -- "$*"
echo $#
