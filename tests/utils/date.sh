#!/bin/sh
# date: formats, -u, refusing to set the clock.
. "$(dirname "$0")/fileutils.inc"
check date-year "ok" sh -c 'date +%Y | grep -q "^[0-9][0-9][0-9][0-9]$" && echo ok'
check date-utc "UTC" date -u +%Z
check date-percent "%" date +%%
check date-default "ok" sh -c 'date -u | grep -q "^[A-Z][a-z][a-z] [A-Z][a-z][a-z] [ 123][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9] UTC [0-9]*$" && echo ok'
check_error date-set "setting the date is not supported" date 0101
check_status date-usage 2 date -z
finish
