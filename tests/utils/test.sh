#!/bin/sh
# test and [: strings, integers, files, logic (the utilities, not builtins).
. "$(dirname "$0")/fileutils.inc"
echo x >f
: >empty
ln -s f link
check_status test-empty 1 env test
check_status test-string 0 env test x
check_status test-null 1 env test ''
check_status test-n 0 env test -n x
check_status test-z 0 env test -z ''
check_status test-equal 0 env test a = a
check_status test-not-equal 1 env test a != a
check_status test-lt 0 env test 3 -lt 10
check_status test-gt 1 env test 3 -gt 10
check_status test-not 0 env test ! -n ''
check_status test-bang-operand 1 env test ! = x
check_status test-d 0 env test -d .
check_status test-f 0 env test -f f
check_status test-s 1 env test -s empty
check_status test-h 0 env test -h link
check_status test-e-missing 1 env test -e nope
check_status test-and 0 env test -d . -a -f f
check_status test-or 0 env test -f nope -o -d .
check_status test-parens 1 env test '(' -d . -o x ')' -a ''
check_status test-bad-integer 2 env test a -eq 1
check_status bracket-true 0 env [ 1 -eq 1 ]
check_status bracket-false 1 env [ 1 -eq 2 ]
check_error bracket-unclosed "missing ']'" env [ 1 -eq 1
finish
