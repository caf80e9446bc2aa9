#!/bin/sh
# seq: ranges, increments, fractions, -s, -w, errors.
. "$(dirname "$0")/fileutils.inc"
check seq-last "$(printf '1\n2\n3')" seq 3
check seq-range "$(printf -- '-1\n0\n1')" seq -1 1
check seq-step "$(printf '1\n4\n7\n10')" seq 1 3 10
check seq-down "$(printf '3\n2\n1')" seq 3 -1 1
check seq-tenths "0.0 0.1 0.2 0.3" seq -s ' ' 0 0.1 0.3
check seq-width "$(printf '08\n09\n10')" seq -w 8 10
check seq-empty "" seq 5 1
check_error seq-zero "must not be zero" seq 1 0 2
check_error seq-bad "invalid number 'x'" seq x
check_status seq-usage 2 seq
finish
