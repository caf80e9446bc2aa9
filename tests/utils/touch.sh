#!/bin/sh
# touch: creating, -c, -t, -d, -r, -a, -m, errors.
. "$(dirname "$0")/fileutils.inc"
check touch-creates "new" sh -c 'touch new && ls'
check touch-no-create "new" sh -c 'touch -c absent && ls'
check touch-stamp "2020-01-02 15:04:05" sh -c 'touch -t 202001021504.05 new && stat -c %y new | cut -c1-19'
check touch-date "2021-03-04 05:06:07" sh -c 'touch -d 2021-03-04T05:06:07Z d && TZ=UTC0 stat -c %y d | cut -c1-19'
check touch-reference "2020-01-02 15:04:05" sh -c 'touch -r new r && stat -c %y r | cut -c1-19'
check touch-access-only "2020-01-02 15:04:05" sh -c 'touch -a r && stat -c %y r | cut -c1-19'
check touch-modify-only "2020-01-02" sh -c 'touch -m -t 202001020000 a2 && stat -c %y a2 | cut -c1-10'
check_error touch-bad-date "invalid date format" touch -t 2023023000 x
check_error touch-no-dir "cannot touch 'no/f'" touch no/f
check_status touch-usage 2 touch
finish
