#!/bin/sh
# Give each account's home directory under /home to its owner in an ext2
# image: mke2fs -d writes every file as root when run without root rights,
# so owners are set afterwards with debugfs (no root rights needed). The
# accounts are those of the staged /etc/passwd; homes missing from the
# stage are skipped.
#
# usage: mkowners.sh IMAGE STAGING_DIR   (IMAGE: a file, or 'FILE?offset=BYTES')
set -eu
img=$1
stage=$2
cmds=$(mktemp)
trap 'rm -f "$cmds"' EXIT
while IFS=: read -r name _ uid gid _ home _; do
    case "$home" in /home/?*) ;; *) continue ;; esac
    [ -d "$stage$home" ] || continue
    printf 'sif %s uid %s\nsif %s gid %s\n' "$home" "$uid" "$home" "$gid" >> "$cmds"
done < "$stage/etc/passwd"
[ -s "$cmds" ] || exit 0
debugfs -w -f "$cmds" "$img" > /dev/null 2>&1
