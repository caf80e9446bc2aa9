#!/bin/sh
# Make the bootable disk image, without root rights or loop devices:
#   1. stage the root file system in a directory (kernel, boot modules,
#      grub.cfg, and the installed system);
#   2. write an MBR partition table with one ext2 partition at 1 MiB;
#   3. write the populated ext2 file system into the partition (mke2fs -d);
#   4. put GRUB's boot.img in the MBR and core.img in the gap after it.
#
# usage: mkimage.sh BUILD_DIR OUTPUT_IMAGE [SIZE_MIB]
set -eu

build=$1
out=$2
size_mib=${3:-256}
top=$(cd "$(dirname "$0")/.." && pwd)
root=$build/root
grubdir=/usr/lib/grub/i386-pc
part_start=2048                       # sectors: 1 MiB, room for core.img
part_sectors=$(( size_mib * 2048 - part_start ))
cmdline=$(sed -n 's/^cmdline[ \t]*//p' "$top/release/kernel.conf")

# 1. The root file system.
rm -rf "$root"
"$top/release/mkroot.sh" "$build" "$root"
mkdir -p "$root/boot/grub"
modules=""
while read -r path args; do
    case "$path" in ''|\#*|ramdisk) continue ;; esac # the root is on this disk
    name=$(basename "$path")
    cp "$build/$path" "$root/boot/$name"
    modules="$modules    module /boot/$name /boot/$name${args:+ $args}
"
done < "$top/release/bootlist"
cp "$build/kernel/kernel" "$root/boot/kernel"
cat > "$root/boot/grub/grub.cfg" <<CFG
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=0
menuentry "Ember" {
    multiboot /boot/kernel $cmdline
$modules    boot
}
CFG

# 2. Partition table.
rm -f "$out"
truncate -s "${size_mib}M" "$out"
echo "start=$part_start, size=$part_sectors, type=83, bootable" |
    sfdisk --quiet --no-reread --no-tell-kernel "$out"

# 3. The ext2 root, written in place at the partition's offset.
mke2fs -q -F -t ext2 -b 4096 -L ember-root -O ^dir_index,^resize_inode,^ext_attr \
    -E "offset=$(( part_start * 512 )),root_owner=0:0" -d "$root" \
    "$out" "$(( part_sectors / 2 ))k"

"$top/release/mkdevs.sh" "$out?offset=$(( part_start * 512 ))"
"$top/release/mkowners.sh" "$out?offset=$(( part_start * 512 ))" "$root"

# 4. GRUB: boot.img in the MBR (keeping the partition table), core.img after it.
core=$build/grub-core.img
grub-mkimage -O i386-pc -o "$core" -p '(hd0,msdos1)/boot/grub' \
    biosdisk part_msdos ext2 multiboot normal configfile serial terminal
core_sectors=$(( ($(stat -c %s "$core") + 511) / 512 ))
[ "$core_sectors" -lt "$part_start" ] || { echo "core.img too large for the MBR gap" >&2; exit 1; }
dd if="$grubdir/boot.img" of="$out" bs=440 count=1 conv=notrunc status=none
# boot.img loads the core's first sector from the LBA stored at offset 0x5c.
printf '\001\000\000\000\000\000\000\000' | dd of="$out" bs=1 seek=$((0x5c)) conv=notrunc status=none
dd if="$core" of="$out" bs=512 seek=1 conv=notrunc status=none
echo "  IMAGE   $out (${size_mib} MiB, root partition at sector $part_start)"
