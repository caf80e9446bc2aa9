export LATE_V
LATE_V=later
"$SH" -c 'echo "$LATE_V"'
