#!/bin/sh
# free: the table, used plus free is the total, units.
. "$(dirname "$0")/fileutils.inc"

# total|used|free [option]: one figure of the Mem: line.
figure() {
    column=$1
    shift
    set -- $(free "$@" | grep "^Mem:")
    case $column in
    total) echo "$2" ;;
    used) echo "$3" ;;
    free) echo "$4" ;;
    esac
}

total=$(figure total)
check free-header "total used free" sh -c 'free | head -n 1 | tr -s " " | sed "s/^ //"'
check_true free-total-positive [ "$total" -gt 0 ]
# One reading for all three: memory moves between two runs of free.
set -- $(free | grep "^Mem:")
check_true free-sums [ $(($3 + $4)) -eq "$2" ]
check free-no-swap "Swap: 0 0 0" sh -c 'free | grep "^Swap:" | tr -s " "'
check free-mebibytes "$((total / 1024))" figure total -m
check free-bytes "$((total * 1024))" figure total -b
check free-human "ok" sh -c 'free -h | grep -q "^Mem: *[0-9.]*[KMG]" && echo ok'
check_status free-usage 2 free -x
finish
