#!/bin/sh
# chown: owners by name and number, groups, -R, errors.
. "$(dirname "$0")/fileutils.inc"
touch f
mkdir -p d/sub
touch d/sub/x
if is_root; then
    check chown-numeric "1:2" sh -c 'chown 1:2 f && ls -ln f | sed "s/^[^ ]* *[0-9]* \([0-9]*\) *\([0-9]*\).*/\1:\2/"'
    check chown-group-only "1:0" sh -c 'chown :0 f && ls -ln f | sed "s/^[^ ]* *[0-9]* \([0-9]*\) *\([0-9]*\).*/\1:\2/"'
    check chown-name "root" sh -c 'chown root f && ls -l f | sed "s/^[^ ]* *[0-9]* \([^ ]*\).*/\1/"'
    check chown-recursive "5" sh -c 'chown -R 5 d && ls -ln d/sub/x | sed "s/^[^ ]* *[0-9]* \([0-9]*\).*/\1/"'
else
    check_error chown-not-permitted "Operation not permitted" chown 0 f
fi
check_error chown-unknown-user "invalid user" chown no-such-user-here f
check_status chown-usage 2 chown root
finish
