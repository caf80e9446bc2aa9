#!/bin/sh
# make bench: Ember and Debian's Linux side by side on the same QEMU machine.
# Builds the static Linux benchmark binaries, then run.py builds the
# initramfs and the disks, boots both systems in both clocks and writes
# the tables to bench/results/. Options go to run.py (run.py --help), e.g.
#   bench/run.sh --quick --boots 1
set -eu
cd "$(dirname "$0")/.."
make -s -C bench linux
exec /usr/bin/python3 bench/run.py "$@"
