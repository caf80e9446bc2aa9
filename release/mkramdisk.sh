#!/bin/sh
# The root file system as a ramdisk image (a boot module): stage it,
# write it with mke2fs -d, add the device nodes and the homes' owners.
#
# usage: mkramdisk.sh BUILD_DIR [SIZE_MIB]
set -eu
build=$1
size=${2:-64}
top=$(cd "$(dirname "$0")/.." && pwd)
stage=$build/root-stage
img=$build/ramdisk

"$top/release/mkroot.sh" "$build" "$stage"
rm -f "$img"
mke2fs -q -F -t ext2 -b 1024 -L ember-ram -O ^dir_index,^resize_inode,^ext_attr \
    -E root_owner=0:0 -d "$stage" "$img" "${size}M"
"$top/release/mkdevs.sh" "$img"
"$top/release/mkowners.sh" "$img" "$stage"
echo "  RAMDISK $img (${size} MiB)"
