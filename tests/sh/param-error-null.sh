x=
echo start
: ${x:?custom message}
echo notreached
