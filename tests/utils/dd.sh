#!/bin/sh
# dd: blocks, skip, count, seek, conv, the status lines, errors.
. "$(dirname "$0")/fileutils.inc"
printf abcdefghij >in
check dd-copy "abcdefghij" dd if=in bs=4 status=none
check dd-skip-count "cdef" dd if=in bs=2 skip=1 count=2 status=none
check dd-status "$(printf '2+1 records in\n2+1 records out\n10 bytes copied')" sh -c 'dd if=in of=out bs=4 2>&1'
check dd-reblock "$(printf '3+1 records in\n2+1 records out\n10 bytes copied')" sh -c 'dd if=in of=out ibs=3 obs=4 2>&1'
check dd-notrunc "abXYefghij" sh -c 'printf XY | dd of=out bs=2 seek=1 conv=notrunc status=none; cat out'
check dd-truncate "abXY" sh -c 'printf XY | dd of=out bs=2 seek=1 status=none; cat out'
check dd-sync "8" sh -c 'printf abcde | dd bs=4 conv=sync status=none | wc -c | tr -d " "'
check_error dd-missing "cannot open 'nope'" dd if=nope
check_status dd-bad-operand 2 dd colour=blue
finish
