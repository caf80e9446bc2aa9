#!/bin/sh
# uname: the fields and their order.
. "$(dirname "$0")/fileutils.inc"
s=$(uname -s)
check uname-default "$s" uname
check uname-order "$s $(uname -m)" uname -m -s
check uname-all "$(uname -s) $(uname -n) $(uname -r) $(uname -v) $(uname -m)" uname -a
check_status uname-usage 2 uname -x
finish
