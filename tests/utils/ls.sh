#!/bin/sh
# ls: order, hidden files, -F, -d, -R, -l, errors.
. "$(dirname "$0")/fileutils.inc"
mkdir d
touch b a .hidden d/inner
check ls-sorted "$(printf 'a\nb\nd')" ls
check ls-all "$(printf '.\n..\n.hidden\na\nb\nd')" ls -a
check ls-almost-all "$(printf '.hidden\na\nb\nd')" ls -A
check ls-classify "$(printf 'a\nb\nd/')" ls -F
check ls-dir-itself "d" ls -d d
check ls-recursive "$(printf 'd:\ninner')" ls -R d
touch -t 202001021504 a
check ls-long "-rw-r--r-- 1 $(id -un) $(id -gn) 0 Jan  2  2020 a" sh -c 'umask 022; chmod 644 a; ls -l a'
ln -s a link
check ls-long-link "link -> a" sh -c 'ls -l link | sed "s/.* link/link/"'
check ls-long-all "$(printf '.\n..\ninner')" sh -c 'ls -la d | sed 1d | sed "s/.* //"'
check ls-long-all-total "total" sh -c 'ls -la d | head -n 1 | cut -d " " -f 1'
check_error ls-missing "ls: cannot access 'nope'" ls nope
check_status ls-bad-option 2 ls -Z
finish
