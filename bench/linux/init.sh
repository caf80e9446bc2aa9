#!/bin/sh
# /init of the Linux baseline's initramfs (mkinitramfs.py packs it).
#
# It records the boot time first (boot-tsc prints the TSC), loads the
# modules the benchmark disk needs, mounts that disk (the first virtio disk)
# on /mnt, runs the benchmark there and powers the machine off, which ends
# QEMU. The kernel hands "bench=full" or "bench=quick" from its command
# line to this script as the variable $bench, and "bench_host=ADDRESS:PORT"
# (run.py's TCP peer on the host) as $bench_host. eth0 gets the address
# QEMU's user network would hand out by DHCP, 10.0.2.15/24 (Ember asks
# for it by DHCP). "bench_metric=NAME" runs that metric alone (bench -m).
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
set --
if [ -n "${bench_host:-}" ]; then
    if ifconfig eth0 10.0.2.15 netmask 255.255.255.0 up; then
        set -- -H "$bench_host"
    else
        echo "BENCH-NOTE no eth0: no guest-host TCP figures"
    fi
fi
[ -n "${bench_metric:-}" ] && set -- "$@" -m "$bench_metric"

if mount -t ext2 /dev/vda /mnt; then
    case "${bench:-full}" in
    quick) /bin/bench -q -d /mnt "$@" ;;
    *) /bin/bench -d /mnt "$@" ;;
    esac
    umount /mnt
else
    echo "BENCH-ERROR cannot mount the benchmark disk /dev/vda"
fi
poweroff -f
