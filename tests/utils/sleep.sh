#!/bin/sh
# sleep: fractions, units, errors.
. "$(dirname "$0")/fileutils.inc"
check_status sleep-fraction 0 sleep 0.1
check_status sleep-units 0 sleep 0.001m 0.05s
check_error sleep-bad "invalid time interval '1x'" sleep 1x
check_status sleep-usage 2 sleep
finish
