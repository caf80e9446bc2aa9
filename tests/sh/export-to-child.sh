export EXPORTED_V=yes
PLAIN_V=no
"$SH" -c 'echo "[$EXPORTED_V] [$PLAIN_V]"'
