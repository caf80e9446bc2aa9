#!/bin/sh
# find: names, types, depth, logic, -prune, -exec, errors.
. "$(dirname "$0")/fileutils.inc"
mkdir -p d/sub/deep
echo alpha >d/a.txt
echo 'int b;' >d/b.c
echo gamma >d/sub/c.txt
: >d/sub/deep/e.C
check find-all "$(printf 'd\nd/a.txt\nd/b.c\nd/sub\nd/sub/c.txt\nd/sub/deep\nd/sub/deep/e.C')" find d
check find-name "$(printf 'd/a.txt\nd/sub/c.txt')" find d -name '*.txt'
check find-iname "$(printf 'd/b.c\nd/sub/deep/e.C')" find d -iname '*.c'
check find-type "$(printf 'd\nd/sub\nd/sub/deep')" find d -type d
check find-name-type "d/sub" find d -name 's*' -type d
check find-not "$(printf 'd/b.c\nd/sub/deep/e.C')" find d ! -type d ! -name '*.txt'
check find-or "$(printf 'd/a.txt\nd/sub/c.txt')" find d '(' -name 'a*' -o -name 'c*' ')' -print
check find-prune "$(printf 'd/a.txt\nd/b.c')" find d -name sub -prune -o -type f -print
check find-maxdepth "$(printf 'd\nd/a.txt\nd/b.c\nd/sub')" find d -maxdepth 1
check find-mindepth "$(printf 'd/sub/c.txt\nd/sub/deep/e.C')" find d -mindepth 2 -type f
check find-size "d/b.c" find d -type f -size +6c
check find-exec "$(printf 'got d/sub/c.txt\ngot d/sub/deep/e.C')" find d/sub -type f -exec echo got {} ';'
check find-exec-plus "all d/sub/c.txt d/sub/deep/e.C" find d/sub -type f -exec echo all {} +
touch -t 202101010000 d/sub/c.txt
check find-newer "d/sub/c.txt" sh -c 'touch -t 202001010000 d/a.txt d/b.c d/sub/deep/e.C; find d -type f -newer d/a.txt'
touch d/sub/c.txt
if [ "$(date +%Y)" -gt 2021 ]; then
    check find-mtime "$(printf 'd/a.txt\nd/b.c\nd/sub/deep/e.C')" find d -type f -mtime +30
else # ages count back from now, and the clock has not been set
    ok "find-mtime # skipped: the clock reads $(date)"
fi
check find-perm "d/b.c" sh -c 'chmod 755 d/b.c; find d -type f -perm -100'
check find-user "d/a.txt" find d -name a.txt -user "$(id -un)"
check_error find-missing "'nope': No such file or directory" find nope
check_error find-unknown "unknown primary" find d -bogus
check_status find-syntax 2 find d '(' -name x
finish
