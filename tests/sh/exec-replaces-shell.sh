exec "$SH" -c 'echo replaced'
echo notreached
