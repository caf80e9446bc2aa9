#!/bin/sh
# mv: rename, into directories, -i, errors.
. "$(dirname "$0")/fileutils.inc"
echo A >a
check mv-rename "A" sh -c 'mv a b && cat b && test ! -e a'
mkdir dir
touch c
check mv-into-dir "$(printf 'b\nc')" sh -c 'mv b c dir && ls dir'
echo keep >k
echo other >o
check mv-interactive-no "keep" sh -c 'echo n | mv -i o k 2>/dev/null; cat k'
mkdir -p d/sub
check_error mv-into-itself "subdirectory of itself" mv d d/sub
check_error mv-missing "mv: cannot stat 'nope'" mv nope x
check_status mv-usage 2 mv k
finish
