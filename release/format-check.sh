#!/bin/sh
# Check that every C source and header in the tree follows .clang-format.
# With --fix, reformat them in place instead.
set -eu
cd "$(dirname "$0")/.."
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find . -name '*.c' -o -name '*.h')
[ -n "$files" ] || exit 0
if [ "${1:-}" = --fix ]; then
    exec clang-format -i $files
fi
exec clang-format --dry-run --Werror $files
