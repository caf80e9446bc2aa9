#!/bin/sh
# expr: arithmetic, comparisons, ':', functions, exit statuses.
. "$(dirname "$0")/fileutils.inc"
check expr-add "3" expr 1 + 2
check expr-precedence "14" expr 2 + 3 '*' 4
check expr-parens "20" expr '(' 2 + 3 ')' '*' 4
check expr-mod "2" expr 17 % 5
check expr-compare "1" expr 10 '>' 9
check expr-string-compare "1" expr abc '<' abd
check expr-match "3" expr abcdef : abc
check expr-group "file" expr file.txt : '\(.*\)\.txt'
check expr-length "5" expr length hello
check expr-substr "ell" expr substr hello 2 3
check expr-index "3" expr index hello lo
check expr-or "b" expr '' '|' b
check_status expr-zero-false 1 expr 2 - 2
check_error expr-div-zero "division by zero" expr 1 / 0
check_error expr-non-integer "non-integer argument" expr a + 1
check_status expr-syntax 2 expr 1 +
finish
