#!/bin/sh
# stat: -c formats, the default form, -L, errors.
. "$(dirname "$0")/fileutils.inc"
printf hello >f
chmod 640 f
check stat-format "f 5 640 -rw-r----- regular file" stat -c '%n %s %a %A %F' f
check stat-owner "$(id -u) $(id -g) $(id -un) $(id -gn)" stat -c '%u %g %U %G' f
check stat-links "1" stat -c '%h' f
ln -s f ln
check stat-link "symbolic link" stat -c %F ln
check stat-follow "regular file" stat -L -c %F ln
check stat-directory "directory" stat -c %F .
check stat-default "  File: f" sh -c 'stat f | sed -n 1p'
check_error stat-missing "cannot stat 'nope'" stat nope
check_status stat-usage 2 stat
finish
