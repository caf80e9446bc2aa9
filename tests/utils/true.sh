#!/bin/sh
# true: succeeds whatever it is given (the utility, not a shell builtin).
. "$(dirname "$0")/fileutils.inc"
check_status true-plain 0 env true
check_status true-operands 0 env true --bogus x
finish
