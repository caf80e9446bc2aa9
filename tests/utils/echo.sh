#!/bin/sh
# echo: words, -n, backslash escapes (the echo utility, not a shell builtin).
. "$(dirname "$0")/fileutils.inc"
check echo-words "a b" env echo a b
check echo-no-newline "ab" sh -c 'env echo -n a; env echo b'
check echo-tab "$(printf 'a\tb')" env echo 'a\tb'
check echo-octal "A" env echo '\0101'
check echo-stop "a" env echo 'a\cb' c
finish
