#!/bin/sh
# clear: the ANSI sequence that homes the cursor and erases the screen.
. "$(dirname "$0")/fileutils.inc"
check clear-sequence "$(printf '\033[H\033[2J')" clear
check_status clear-usage 2 clear extra
finish
