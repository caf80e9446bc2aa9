#!/bin/sh
# Stage the root file system in a directory: commands in /bin, servers and
# drivers in /sbin, in-OS tests in /usr/tests, /etc from etc/, empty /dev,
# /tmp, /root, /home with a home directory for each account of etc/passwd
# whose home is under it, /mnt. Programs are stripped. Device nodes and
# owners cannot be set without root rights; release/mkdevs.sh adds the
# nodes to the image and release/mkowners.sh gives the homes their owners.
#
# usage: mkroot.sh BUILD_DIR STAGING_DIR
set -eu

build=$1
root=$2
top=$(cd "$(dirname "$0")/.." && pwd)

prog_of() { sed -n 's/^PROG *:= *//p' "$1/Makefile"; }

install_dir() { # install_dir SRC_DIRS... -> DEST under $root
    dest=$1
    shift
    for d in "$@"; do
        [ -f "$d/Makefile" ] || continue
        grep -q '^EMBER *:= *no' "$d/Makefile" && continue
        p=$(prog_of "$d")
        [ -n "$p" ] && [ -f "$build/bin/$p" ] || continue
        strip -o "$root/$dest/$p" "$build/bin/$p"
    done
}

rm -rf "$root"
mkdir -p "$root/bin" "$root/sbin" "$root/etc" "$root/dev" "$root/tmp" "$root/root" \
    "$root/home" "$root/mnt" "$root/boot" "$root/usr/tests"
chmod 1777 "$root/tmp"
cd "$top"
install_dir bin commands/*
install_dir sbin servers/* drivers/*
install_dir usr/tests tests/os/*
for p in getty shutdown halt reboot poweroff; do # system administration: /sbin
    if [ -f "$root/bin/$p" ]; then mv "$root/bin/$p" "$root/sbin/$p"; fi
done
[ -f "$root/bin/test" ] && ln -f "$root/bin/test" "$root/bin/["
for p in bench bench-true boot-tsc; do # the benchmark (bench/README.md)
    if [ -f "$build/bin/$p" ]; then strip -o "$root/bin/$p" "$build/bin/$p"; fi
done
install -m 755 bench/bench-boot "$root/bin/bench-boot"
cp -r etc/. "$root/etc/"
chmod 600 "$root/etc/shadow"
while IFS=: read -r _ _ _ _ _ home _; do # the accounts' homes (owned by mkowners.sh)
    case "$home" in /home/?*) mkdir -p "$root$home" ;; esac
done < etc/passwd
for p in su passwd; do # they read and write /etc/shadow for their user
    if [ -f "$root/bin/$p" ]; then chmod 4755 "$root/bin/$p"; fi
done
# Networking (docs/net.md): Debian's lwIP, which the network server loads at
# run time, and the directory httpd serves.
lwip=/usr/lib/x86_64-linux-gnu/liblwip.so.0
if [ -f "$lwip" ]; then
    mkdir -p "$root/lib" && cp -L "$lwip" "$root/lib/liblwip.so.0"
fi
mkdir -p "$root/var/www"
echo "<html><body><h1>Ember</h1><p>served by httpd</p></body></html>" >"$root/var/www/index.html"
[ -d tests/sh ] && mkdir -p "$root/usr/tests/sh" && cp -r tests/sh/. "$root/usr/tests/sh/"
[ -d tests/utils ] && mkdir -p "$root/usr/tests/utils" && cp -r tests/utils/. "$root/usr/tests/utils/"
# Extra files for local experiments (never in a release build).
[ -d "$build/root-extra" ] && cp -r "$build/root-extra/." "$root/"
exit 0
