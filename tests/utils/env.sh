#!/bin/sh
# env: -i, NAME=value, -u, running commands, 126 and 127.
. "$(dirname "$0")/fileutils.inc"
check env-clear "$(printf 'A=1\nB=x y')" env -i A=1 'B=x y'
check env-run "hi" env -i GREETING=hi sh -c 'echo $GREETING'
check env-unset "[]" sh -c 'KEEP=k env -u KEEP sh -c "echo [\$KEEP]"'
check_status env-not-found 127 env no-such-command-here
touch plain
check_status env-not-executable 126 env ./plain
finish
