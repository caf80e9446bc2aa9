test -n "$PPID" && echo ppid
