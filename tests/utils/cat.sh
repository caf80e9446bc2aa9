#!/bin/sh
# cat: concatenation, -n, stdin, errors.
. "$(dirname "$0")/fileutils.inc"
printf 'a\nb\n' >f
printf 'c\n' >g
check cat-two-files "$(printf 'a\nb\nc')" cat f g
check cat-stdin "x" sh -c 'echo x | cat -'
check cat-number "$(printf '     1\ta\n     2\tb\n     3\tc')" cat -n f g
check_error cat-missing "cat: nope: No such file or directory" cat nope
check_status cat-bad-option 2 cat -z
if ! is_root; then
    printf 's\n' >secret
    chmod 0 secret
    check_error cat-permission "Permission denied" cat secret
fi
finish
