#!/bin/sh
# hostname: the name uname reports, -s, errors.
. "$(dirname "$0")/fileutils.inc"
check hostname-is-nodename "$(uname -n)" hostname
check hostname-short "ok" sh -c 'case $(hostname -s) in *.*) ;; ?*) echo ok ;; esac'
check_error hostname-invalid "not a valid host name" hostname "a b"
check_status hostname-usage 2 hostname a b
check_status hostname-bad-option 2 hostname -x
finish
