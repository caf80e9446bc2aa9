#!/bin/sh
# sync: flushes and succeeds.
. "$(dirname "$0")/fileutils.inc"
check_status sync-plain 0 sync
check_status sync-usage 2 sync extra
finish
