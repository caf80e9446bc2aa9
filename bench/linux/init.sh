#!/bin/sh
# /init of the Linux baseline's initramfs (mkinitramfs.py packs it).
#
# It records the boot time first (boot-tsc prints the TSC), loads the
# modules the benchmark disk needs, mounts that disk (the first virtio disk)
# on /mnt, runs the benchmark there and powers the machine off, which ends
# QEMU. The kernel hands "bench=full" or "bench=quick" from its command
# line to this script as the variable $bench.
boot_tsc=$(/bin/boot-tsc)

# The archive has no /dev/console: take the console from devtmpfs.
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
echo "$boot_tsc"
mount -t proc proc /proc
mount -t sysfs sysfs /sys

while read -r module; do
    insmod "/lib/modules/$module" || echo "BENCH-ERROR insmod $module failed"
done </lib/modules/load-order

tries=0
while [ ! -b /dev/vda ] && [ $tries -lt 100 ]; do
    sleep 0.1
    tries=$((tries + 1))
done
ifconfig lo 127.0.0.1 up

if mount -t ext2 /dev/vda /mnt; then
    case "${bench:-full}" in
    quick) /bin/bench -q -d /mnt ;;
    *) /bin/bench -d /mnt ;;
    esac
    umount /mnt
else
    echo "BENCH-ERROR cannot mount the benchmark disk /dev/vda"
fi
poweroff -f
