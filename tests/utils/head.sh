#!/bin/sh
# head checks, for running inside Ember.
# Prints "ok NAME" or "FAIL NAME: reason" for each check. Expects the
# utilities on PATH and a scratch directory under $TMPDIR.
T=${TMPDIR:-/tmp}/head-test.$$
mkdir -p "$T" && cd "$T" || { echo "FAIL setup: cannot use $T"; exit 1; }
trap 'cd /; rm -rf "$T"' EXIT

# check NAME STATUS EXPECTED COMMAND...: run COMMAND, compare status and output.
check() {
    name=$1 want_status=$2 want=$3
    shift 3
    got=$("$@" 2>/dev/null)
    status=$?
    if [ "$status" -ne "$want_status" ]; then
        echo "FAIL $name: exit status $status, expected $want_status"
    elif [ "$got" != "$want" ]; then
        echo "FAIL $name: output '$got', expected '$want'"
    else
        echo "ok $name"
    fi
}

i=1; while [ $i -le 20 ]; do echo $i; i=$((i + 1)); done > n
check head-default 0 "$(printf '1\n2\n3\n4\n5\n6\n7\n8\n9\n10')" head n
check head-n 0 '1
2' head -n 2 n
check head-obsolete 0 '1' head -1 n
check head-bytes 0 '1
2' head -c 3 n
check head-headers 0 '==> n <==
1

==> n <==
1' head -n 1 n n
check head-bad-count 2 '' head -n x n
