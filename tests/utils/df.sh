#!/bin/sh
# df: the root file system, the file system of a file, formats, errors.
. "$(dirname "$0")/fileutils.inc"
check df-header "Filesystem 1K-blocks Used Available Use% Mounted on" \
    sh -c 'df | head -n 1 | tr -s " "'
check df-root "/" sh -c 'df / | tail -n 1 | tr -s " " | cut -d " " -f 6'
check df-file "/" sh -c 'df /etc/passwd | tail -n 1 | tr -s " " | cut -d " " -f 6'
check df-sums "ok" \
    sh -c 'set -- $(df / | tail -n 1); [ "$2" -gt 0 ] && [ $(($3 + $4)) -le "$2" ] && echo ok'
check df-posix "Filesystem 1024-blocks Used Available Capacity Mounted on" \
    sh -c 'df -P | head -n 1 | tr -s " "'
check df-type "ext2" sh -c 'df -T / | tail -n 1 | tr -s " " | cut -d " " -f 2'
check df-human "ok" sh -c 'df -h / | tail -n 1 | grep -q " [0-9.]*[KMGT] " && echo ok'
check_error df-missing "no-such-file" df no-such-file
check df-missing-prints-no-table "" df no-such-file
check_status df-missing-status 1 df no-such-file
check df-one-missing-one-found "2" sh -c 'df no-such-file / | wc -l | tr -d " "'
check_status df-usage 2 df -x
finish
