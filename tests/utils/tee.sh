#!/bin/sh
# tee: copies, -a, a file that cannot be written.
. "$(dirname "$0")/fileutils.inc"
check tee-stdout "data" sh -c 'echo data | tee o1 o2'
check tee-files "data data" sh -c 'echo $(cat o1) $(cat o2)'
check tee-append "$(printf 'data\nmore')" sh -c 'echo more | tee -a o1 >/dev/null; cat o1'
check_error tee-bad-file "nodir/x" sh -c 'echo x | tee nodir/x'
check_status tee-usage 2 tee -z
finish
