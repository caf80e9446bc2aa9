#!/bin/sh
# ps: the table lists init and ps itself; formats, selections, errors.
. "$(dirname "$0")/fileutils.inc"
check ps-default-header "PID TTY TIME CMD" sh -c 'ps | head -n 1 | tr -s " "'
check ps-lists-itself "ps" sh -c 'ps -o comm= | grep "^ps$"'
check ps-lists-init "1 init" sh -c 'ps -e -o pid=,comm= | grep " init$" | tr -s " " | sed "s/^ //"'
check ps-init-parent "0" sh -c 'ps -p 1 -o ppid= | tr -d " "'
check ps-pid-list "1" sh -c 'ps -p 1,999999 -o pid= | tr -d " "'
check ps-full-header "UID PID PPID C STIME TTY TIME CMD" sh -c 'ps -f | head -n 1 | tr -s " "'
check ps-long-header "S UID PID PPID C SZ TTY TIME CMD" sh -c 'ps -l | head -n 1 | tr -s " "'
check ps-jobs-header "PID PGID SID TTY TIME CMD" sh -c 'ps -j | head -n 1 | tr -s " "'
check ps-bsd-header "USER PID %CPU %MEM VSZ RSS TT STAT START TIME COMMAND" \
    sh -c 'ps aux | head -n 1 | tr -s " "'
check ps-rename-header "NAME" sh -c 'ps -p 1 -o comm=NAME | head -n 1'
check ps-no-header "init" sh -c 'ps -p 1 -o comm='
check ps-user "$(id -un)" sh -c "ps -u $(id -u) -o user= | sort -u"
check ps-parent-is-shell "ok" sh -c 'p=$(ps -o ppid= -p $$); [ -n "$p" ] && echo ok'
check ps-own-shell "sh" sh -c 'ps -o comm= -p $$'
check_error ps-unknown-column "unknown column" ps -o nosuch
check_error ps-bad-pid "invalid process id" ps -p x
check ps-every-process-full "UID PID PPID C STIME TTY TIME CMD" sh -c 'ps -ef | head -n 1 | tr -s " "'
check ps-every-process-full-init "root 1 0" sh -c 'ps -ef | grep " init$" | tr -s " " | cut -d " " -f 1-3'
check_status ps-pid-exists 0 ps -p 1
check_status ps-no-such-pid 1 ps -p 999999
check ps-no-such-pid-header "PID TTY TIME CMD" sh -c 'ps -p 999999 | tr -s " "'
check_status ps-usage 2 ps -Z
finish
