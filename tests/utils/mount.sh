#!/bin/sh
# mount and umount: the mount list, refusals and errors (mounting itself
# needs a block device and vfs's mount(2)).
. "$(dirname "$0")/fileutils.inc"
check mount-lists-root "ok" sh -c 'mount | grep -q " on / type ext2 (r[ow])$" && echo ok'
check_error mount-not-block "not a block device" mount /dev/null /mnt
check_error mount-missing-device "no-such-device" mount no-such-device /mnt
check_error mount-bad-type "unknown file system type" mount -t vfat /dev/null /mnt
check_status mount-usage 2 mount /dev/null
check_error umount-root "stays mounted" umount /
check_status umount-usage 2 umount
finish
