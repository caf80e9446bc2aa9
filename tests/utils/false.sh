#!/bin/sh
# false: fails whatever it is given (the utility, not a shell builtin).
. "$(dirname "$0")/fileutils.inc"
check_status false-plain 1 env false
check_status false-operands 1 env false x
finish
