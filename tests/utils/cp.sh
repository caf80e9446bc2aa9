#!/bin/sh
# cp: files, into directories, -R, -p, -i, errors.
. "$(dirname "$0")/fileutils.inc"
echo hello >f
check cp-file "hello" sh -c 'cp f g && cat g'
mkdir dir
check cp-into-dir "hello" sh -c 'cp f g dir && cat dir/f'
mkdir -p tree/sub
echo deep >tree/sub/x
ln -s x tree/sub/link
check_error cp-dir-needs-r "-R not specified" cp tree copy
check cp-recursive "deep" sh -c 'cp -r tree copy && cat copy/sub/x'
check cp-keeps-links "x" sh -c 'ls -l copy/sub/link | sed "s/.*-> //"'
touch -t 202001021504 f
check cp-preserve "2020-01-02 15:04" sh -c 'cp -p f p && stat -c %y p | cut -c1-16'
echo new >n
check cp-interactive-no "hello" sh -c 'echo n | cp -i n g 2>/dev/null; cat g'
check_error cp-same-file "are the same file" cp f ./f
check_error cp-into-itself "into itself" cp -r tree tree/sub
check_error cp-missing "cp: cannot stat 'nope'" cp nope x
check_status cp-usage 2 cp f
finish
