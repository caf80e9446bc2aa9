#!/bin/sh
# printf: escapes, conversions, reuse, errors (the utility, not a builtin).
. "$(dirname "$0")/fileutils.inc"
check printf-escapes "$(printf 'a\tbA')" env printf 'a\tb\101'
check printf-conversions "str|42|10|ff|x|%" env printf '%s|%d|%o|%x|%c|%%' str 42 8 255 xyz
check printf-float "3.14 1.234500e+03" env printf '%.2f %e' 3.14159 1234.5
check printf-width "[   ab][ab   ][00042]" env printf '[%5s][%-5s][%05d]' ab ab 42
check printf-star "[   7]" env printf '[%*d]' 4 7
check printf-reuse "$(printf 'a=1\nb=2')" env printf '%s=%s\n' a 1 b 2
check printf-char-value "65" env printf '%d' "'A"
check printf-b "$(printf 'a\tb')" env printf '%b' 'a\tb'
check printf-b-stop "x" env printf '%b%s' 'x\cy' never
check_error printf-bad-number "expected a numeric value" env printf '%d' abc
check_status printf-usage 2 env printf
finish
