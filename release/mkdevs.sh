#!/bin/sh
# Add the device nodes to an ext2 image with debugfs (no root rights
# needed). The numbers are those of lib/include/ember/devices.h.
#
# usage: mkdevs.sh IMAGE   (an image file, or 'FILE?offset=BYTES')
set -eu
cmds=$(mktemp)
trap 'rm -f "$cmds"' EXIT
node() { # name type major minor mode
    printf 'mknod %s %s %s %s\nsif %s mode %s\n' "$1" "$2" "$3" "$4" "$1" "$5" >> "$cmds"
}
echo "cd /dev" > "$cmds"
node null c 1 0 020666
node zero c 1 1 020666
node full c 1 2 020666
node random c 1 3 020644
node urandom c 1 4 020644
node console c 4 0 020620
node tty c 4 255 020666
for n in 1 2 3 4; do node "tty$n" c 4 "$n" 020620; done
node ttyS0 c 4 64 020620
disk() { # name major: the whole disk and its four primary partitions
    node "$1" b "$2" 0 060660
    for n in 1 2 3 4; do node "$1$n" b "$2" "$n" 060660; done
}
node ram0 b 1 0 060660
disk vda 8
disk sda 9
disk vdb 10
node ttyS1 c 4 65 020620
debugfs -w -f "$cmds" "$1" > /dev/null 2>&1
