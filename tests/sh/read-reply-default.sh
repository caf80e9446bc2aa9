echo val | { read; echo "$REPLY"; }
