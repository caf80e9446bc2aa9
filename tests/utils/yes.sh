#!/bin/sh
# yes: repeats a line until the reader stops.
. "$(dirname "$0")/fileutils.inc"
check yes-default "$(printf 'y\ny\ny')" sh -c 'yes | head -n 3'
check yes-words "$(printf 'a b\na b')" sh -c 'yes a b | head -n 2'
finish
