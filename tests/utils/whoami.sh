#!/bin/sh
# whoami: the effective user's name.
. "$(dirname "$0")/fileutils.inc"
check whoami-name "$(id -un)" whoami
check_status whoami-usage 2 whoami extra
finish
