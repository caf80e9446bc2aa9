cmd='echo "a  b"'
eval "$cmd"
eval "set -- $cmd"; echo $#
