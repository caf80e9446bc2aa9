#!/bin/sh
# ln: hard and symbolic links, -f, errors.
. "$(dirname "$0")/fileutils.inc"
echo x >f
echo y >g
check ln-hard "2" sh -c 'ln f h && ls -l f | sed "s/^[^ ]* *\([0-9]*\).*/\1/"'
check ln-symbolic "some/where" sh -c 'ln -s some/where s && ls -l s | sed "s/.*-> //"'
check_error ln-exists "File exists" ln -s f s
check ln-force "f" sh -c 'ln -sf f s && ls -l s | sed "s/.*-> //"'
check ln-force-hard "y" sh -c 'ln -f g h && cat h'
check_error ln-same-file "same file" ln -f f ./f
mkdir dir
check ln-into-dir "f" sh -c 'ln -s ../f dir && ls dir'
check_status ln-usage 2 ln
finish
