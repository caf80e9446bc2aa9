#!/bin/sh
# du: totals, -s, -a, -k, -h, errors.
. "$(dirname "$0")/fileutils.inc"
mkdir -p d/sub
echo x >d/a
echo y >d/sub/b
check du-lines "2" sh -c 'du d | wc -l | tr -d " "'
check du-last-is-root "d" sh -c 'du d | tail -n 1 | cut -f 2'
check du-summary "d" sh -c 'du -s d | cut -f 2'
check du-all "4" sh -c 'du -a d | wc -l | tr -d " "'
check du-k-halves "ok" sh -c 'b=$(du -s d | cut -f 1); k=$(du -sk d | cut -f 1); [ "$k" -eq $(( (b + 1) / 2 )) ] && echo ok'
check du-human "ok" sh -c 'du -sh d | grep -q "^[0-9.]*[KM]*	d$" && echo ok'
check_error du-missing "cannot access 'nope'" du nope
check_status du-usage 2 du -a -s d
finish
