#!/bin/sh
# uptime: the classic line, -p and -s.
. "$(dirname "$0")/fileutils.inc"
clock='[0-9][0-9]:[0-9][0-9]:[0-9][0-9]'
line="^ $clock up .*,  1 user,  load average: 0.00, 0.00, 0.00\$"
check uptime-line "1" sh -c "uptime | grep -c '$line'"
check uptime-pretty "1" sh -c 'uptime -p | grep -c "^up [0-9]"'
check uptime-since "1" sh -c "uptime -s | grep -c '^[0-9]*-[0-9][0-9]-[0-9][0-9] $clock\$'"
check_status uptime-usage 2 uptime -x
check_status uptime-operand 2 uptime now
finish
