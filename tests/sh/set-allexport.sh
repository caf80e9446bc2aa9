set -a
AUTO_EXPORTED=yes
set +a
"$SH" -c 'echo "$AUTO_EXPORTED"'
