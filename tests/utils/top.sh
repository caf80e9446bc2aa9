#!/bin/sh
# top: batch screens with the summary and the table.
. "$(dirname "$0")/fileutils.inc"
check top-header "PID USER S %CPU TIME COMMAND" \
    sh -c 'top -b -n 1 | grep "PID" | tr -s " " | sed "s/^ //"'
check top-lists-init "1" sh -c 'top -b -n 1 | grep -c " init$"'
check top-tasks "ok" sh -c 'top -b -n 1 | grep -q "^Tasks: [0-9]* total" && echo ok'
check top-screens "2" sh -c 'top -b -n 2 -d 0.2 | grep -c "^top - "'
check_status top-bad-delay 2 top -d 0
check_status top-usage 2 top -x
finish
