#!/bin/sh
# id: ids and names of this process and of a named user.
. "$(dirname "$0")/fileutils.inc"
u=$(id -u)
check id-name "$(whoami)" id -un
check id-full "uid=$u($(id -un))" sh -c 'id | cut -d " " -f 1'
check id-group "$(id -g)" sh -c 'id -G | cut -d " " -f 1'
check id-root-user "uid=0(root)" sh -c 'id root | cut -d " " -f 1'
check_error id-unknown "no such user" id no-such-user-here
check_status id-usage 2 id -q
finish
