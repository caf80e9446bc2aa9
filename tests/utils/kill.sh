#!/bin/sh
# kill: signals by name and number, -l (the utility, not a shell builtin).
. "$(dirname "$0")/fileutils.inc"
check kill-list-status "TERM" env kill -l 143
check kill-list-number "KILL" env kill -l 9
check kill-list-all "ok" sh -c 'env kill -l | grep -q "HUP INT QUIT" && echo ok'
sleep 30 &
pid=$!
check_status kill-term 0 env kill $pid
wait $pid
check kill-term-status "TERM" env kill -l $?
sleep 30 &
pid=$!
check_status kill-dash-number 0 env kill -9 $pid
wait $pid
check kill-kill-status "KILL" env kill -l $?
sleep 30 &
pid=$!
check_status kill-s-name 0 env kill -s usr1 $pid
wait $pid
check kill-usr1-status "USR1" env kill -l $?
check_error kill-bad-signal "unknown signal" env kill -s NOPE 1
check_error kill-no-process "No such process" env kill 999999
check_status kill-usage 2 env kill
finish
