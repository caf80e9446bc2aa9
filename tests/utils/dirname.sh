#!/bin/sh
# dirname: everything but the last component.
. "$(dirname "$0")/fileutils.inc"
check dirname-plain "/a/b" dirname /a/b/c
check dirname-relative "." dirname c
check dirname-trailing "a" dirname a/b//
check dirname-root "/" dirname /a
check dirname-slashes "/" dirname //
check_status dirname-usage 2 dirname
finish
