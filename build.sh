#!/bin/sh
# Ember's front door. On a fresh Debian machine these two commands are all
# a user needs:
#   ./build.sh run     build everything, make the disk image, boot it here
#   ./build.sh test    build everything and run every test
set -eu
cd "$(dirname "$0")"

# Host packages, by Debian name. The build, the image, the tests, the
# benchmarks (Linux baseline) and the network server's lwIP all come from here.
PACKAGES="gcc make binutils libc6-dev python3 qemu-system-x86 grub-pc-bin grub-common \
fdisk e2fsprogs newlib-source liblwip0 liblwip-dev python3-pytest python3-pexpect \
python3-pytest-timeout libcmocka-dev clang-format gnuplot-nox linux-image-amd64 \
busybox-static cpio xz-utils openssl"

JOBS=$(nproc 2>/dev/null || echo 2)

usage() {
    cat <<USAGE
usage: ./build.sh COMMAND

  deps    install missing host packages (apt-get, as root)
  build   build the kernel, libraries, servers, drivers and commands
  image   build, then make the bootable disk image build/ember.img
  run     build, make the image and boot it in QEMU on this terminal
          (Ctrl-A x quits QEMU, Ctrl-A c is the QEMU monitor)
  test    build and run every test (unit tests and system tests in QEMU)
  bench   build and run the benchmarks, side by side with Linux
  debug   boot the kernel in QEMU, stopped, waiting for gdb
  clean   remove the build tree
USAGE
}

missing_packages() {
    for p in $PACKAGES; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            printf '%s ' "$p"
    done
}

deps() {
    missing=$(missing_packages)
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "build.sh: these Debian packages are missing: $missing" >&2
        echo "build.sh: install them as root: apt-get install $missing" >&2
        exit 1
    fi
    echo "build.sh: installing $missing"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing ||
        { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y \
            --no-install-recommends $missing; }
}

build() {
    deps
    make -j"$JOBS" all
}

case "${1:-}" in
deps) deps ;;
build) build ;;
image)
    build
    make image
    ;;
run)
    build
    make image
    echo "build.sh: booting build/ember.img (Ctrl-A x quits QEMU)"
    EMBER_SERIAL=interactive exec release/qemu.sh disk build/ember.img
    ;;
test)
    build
    make -j"$JOBS" test
    ;;
bench)
    build
    make bench
    ;;
debug)
    build
    echo "build.sh: QEMU is stopped and waits for gdb on localhost:1234. In another terminal:"
    echo "    gdb build/kernel/kernel -ex 'target remote localhost:1234'"
    EMBER_SERIAL=interactive exec release/qemu.sh kernel "qemuexit ${2:-}" -s -S
    ;;
clean) make clean ;;
-h | --help | help) usage ;;
*)
    usage >&2
    exit 2
    ;;
esac
