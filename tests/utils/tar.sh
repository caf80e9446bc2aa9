#!/bin/sh
# tar: create, list, extract (also the old "cvf" form), errors.
. "$(dirname "$0")/fileutils.inc"
mkdir -p src/sub src/empty
echo hello >src/a
echo deeper >src/sub/b
ln -s a src/ln
touch -t 202001021504 src/a
check tar-create-verbose "$(printf 'src/\nsrc/a\nsrc/empty/\nsrc/ln\nsrc/sub/\nsrc/sub/b')" tar cvf a.tar src
check tar-list "$(printf 'src/\nsrc/a\nsrc/empty/\nsrc/ln\nsrc/sub/\nsrc/sub/b')" tar -tf a.tar
check tar-list-member "src/sub/$(printf '\nsrc/sub/b')" tar -tf a.tar src/sub
mkdir out
check tar-extract "deeper" sh -c 'tar -xf a.tar -C out && cat out/src/sub/b'
check tar-link "a" sh -c 'ls -l out/src/ln | sed "s/.*-> //"'
check tar-mtime "2020-01-02 15:04" sh -c 'stat -c %y out/src/a | cut -c1-16'
check tar-stdin "src/a" sh -c 'tar cf - src/a | tar tf -'
check_error tar-not-in-archive "not found in archive" tar tf a.tar nope
check_error tar-missing "cannot open 'nope'" tar tf nope
echo junk >junk
check_status tar-not-an-archive 2 tar tf junk
check_status tar-usage 2 tar -v
finish
