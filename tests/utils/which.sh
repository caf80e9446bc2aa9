#!/bin/sh
# which: PATH search, -a, not found.
. "$(dirname "$0")/fileutils.inc"
mkdir b1 b2
touch b1/tool b2/tool b1/plain
chmod 755 b1/tool b2/tool
which=$(command -v which)
check which-first "$PWD/b1/tool" env PATH="$PWD/b1:$PWD/b2" "$which" tool
check which-all "$(printf '%s\n' "$PWD/b1/tool" "$PWD/b2/tool")" env PATH="$PWD/b1:$PWD/b2" "$which" -a tool
check_status which-not-executable 1 env PATH="$PWD/b1" "$which" plain
check_status which-missing 1 which no-such-command-here
check_status which-usage 2 which
finish
