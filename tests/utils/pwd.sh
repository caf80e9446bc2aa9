#!/bin/sh
# pwd: logical and physical (the pwd utility, not a shell builtin).
. "$(dirname "$0")/fileutils.inc"
mkdir real
ln -s real link
here=$(env pwd -P)
check pwd-physical "$here/real" sh -c 'cd link && env pwd -P'
check pwd-logical "$here/link" sh -c 'cd link && PWD="$0" env pwd -L' "$here/link"
check pwd-bad-pwd "$here/real" sh -c 'cd real && PWD=/no/such/dir env pwd'
check_status pwd-bad-option 2 env pwd -x
finish
