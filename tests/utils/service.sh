#!/bin/sh
# service: the table of rs, requests about a service that is not there,
# usage errors.
. "$(dirname "$0")/fileutils.inc"
check service-header "LABEL ENDPOINT PID RESTARTS STATE PERIOD UP PATH LAST" \
    sh -c 'service list | head -n 1 | tr -s " "'
check service-lists-tty "tty up" sh -c 'service list | grep "^tty " | tr -s " " | cut -d " " -f 1,5'
check service-lookup "ok" sh -c '[ "$(service lookup tty)" -gt 0 ] && echo ok'
check_error service-down-unknown "no service is labelled 'nosuch'" service down nosuch
check_error service-fi-kind "unknown kind" service fi tty -kind nosuch
check_error service-up-missing "/no/such/program" service up /no/such/program
check_error service-long-label "is not 1 to 15 characters" \
    service up /bin/true -label abcdefghijklmnopq
check_status service-usage 2 service
check_status service-unknown-verb 2 service frobnicate x
finish
