#!/bin/sh
# basename: last components and suffixes.
. "$(dirname "$0")/fileutils.inc"
check basename-plain "c.txt" basename /a/b/c.txt
check basename-trailing "b" basename a/b/
check basename-suffix "c" basename x/c.txt .txt
check basename-whole-suffix ".txt" basename .txt .txt
check basename-root "/" basename ///
check_status basename-usage 2 basename
finish
