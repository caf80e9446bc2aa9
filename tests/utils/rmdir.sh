#!/bin/sh
# rmdir: empty directories, -p, errors.
. "$(dirname "$0")/fileutils.inc"
mkdir -p a/b/c full
touch full/f
check rmdir-parents "full" sh -c 'rmdir -p a/b/c && ls'
check_error rmdir-not-empty "Directory not empty" rmdir full
check_error rmdir-missing "rmdir: cannot remove 'nope'" rmdir nope
check_status rmdir-usage 2 rmdir
finish
