#!/bin/sh
# The one definition of the virtual machine, used by build.sh, the tests and
# the benchmarks.
#
# usage: qemu.sh disk IMAGE [QEMU ARGS...]        boot the disk image (virtio) via GRUB
#        qemu.sh kernel "CMDLINE" [QEMU ARGS...]  boot build/kernel/kernel with
#                                                 the boot modules (fast path)
#        qemu.sh linux KERNEL INITRD "CMDLINE" [QEMU ARGS...]
#                                                 boot a Linux kernel on the same
#                                                 machine (the benchmark baseline)
# environment:
#   EMBER_BUILD   build directory (default: build/ beside this script's parent)
#   EMBER_MEM     memory (default 512M)
#   EMBER_ICOUNT  1: -icount shift=0,sleep=off (clocks count instructions)
#   EMBER_SERIAL  "test" (default): serial on stdio, Ctrl-C goes to the guest;
#                 "interactive": also the QEMU monitor on Ctrl-A c, quit Ctrl-A x
#   EMBER_MODULES override the boot module list (comma separated, -initrd form)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${EMBER_BUILD:-$top/build}
mode=${1:-}
target=${2:-}
[ $# -ge 2 ] && shift 2
if [ "$mode" = linux ]; then
    if [ $# -lt 2 ]; then
        echo "usage: qemu.sh linux KERNEL INITRD CMDLINE [args]" >&2
        exit 2
    fi
    linux_initrd=$1
    linux_cmdline=$2
    shift 2
fi

set -- -machine pc -cpu max -accel tcg -m "${EMBER_MEM:-512M}" -smp 1 -display none \
    -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 "$@"
if [ "${EMBER_ICOUNT:-0}" = 1 ]; then
    set -- -icount shift=0,sleep=off "$@"
fi
if [ "${EMBER_SERIAL:-test}" = interactive ]; then
    set -- -chardev stdio,id=ser0,signal=off,mux=on -serial chardev:ser0 -mon chardev=ser0 "$@"
else
    set -- -chardev stdio,id=ser0,signal=off -serial chardev:ser0 -monitor none "$@"
fi

case "$mode" in
disk)
    exec qemu-system-x86_64 -drive "file=$target,format=raw,if=virtio" "$@"
    ;;
kernel)
    if [ -z "${EMBER_MODULES+x}" ]; then
        EMBER_MODULES=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top/release/bootlist" |
            while read -r name args; do
                printf '%s,' "$build/$name${args:+ $args}"
            done | sed 's/,$//')
    fi
    if [ -n "$EMBER_MODULES" ]; then
        set -- -initrd "$EMBER_MODULES" "$@"
    fi
    exec qemu-system-x86_64 -kernel "$build/kernel/kernel" -append "$target" "$@"
    ;;
linux)
    exec qemu-system-x86_64 -kernel "$target" -initrd "$linux_initrd" -append "$linux_cmdline" "$@"
    ;;
*)
    echo "usage: qemu.sh disk IMAGE [args] | qemu.sh kernel CMDLINE [args] |" \
        "qemu.sh linux KERNEL INITRD CMDLINE [args]" >&2
    exit 2
    ;;
esac
