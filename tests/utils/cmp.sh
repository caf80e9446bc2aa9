#!/bin/sh
# cmp: same, differing, -l, -s, end of file, errors.
. "$(dirname "$0")/fileutils.inc"
printf 'ab\ncd\n' >a
printf 'ab\ncx\n' >b
printf 'ab' >short
check_status cmp-same 0 cmp a a
check cmp-differ "a b differ: char 5, line 2" cmp a b
check cmp-list "5 144 170" cmp -l a b
check cmp-silent "" cmp -s a b
check_status cmp-silent-status 1 cmp -s a b
check_error cmp-eof "EOF on short" cmp short a
check_status cmp-missing 2 cmp a nope
check_status cmp-usage 2 cmp a
finish
