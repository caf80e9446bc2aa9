set -- a
echo before
shift 2
echo no
