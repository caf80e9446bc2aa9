#!/bin/sh
# mkdir: -p, -m, errors.
. "$(dirname "$0")/fileutils.inc"
check mkdir-parents "a/b/c" sh -c 'mkdir -p a/b/c && find a/b/c'
check_status mkdir-parents-again 0 mkdir -p a/b/c
check_error mkdir-exists "File exists" mkdir a
check mkdir-mode "drwx------" sh -c 'mkdir -m 700 m && ls -ld m | cut -c1-10'
check mkdir-symbolic-mode "drwxr-x---" sh -c 'mkdir -m u=rwx,g=rx,o= s && ls -ld s | cut -c1-10'
check_error mkdir-no-parent "No such file or directory" mkdir x/y
check_status mkdir-usage 2 mkdir
finish
