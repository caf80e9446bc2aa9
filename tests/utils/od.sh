#!/bin/sh
# od checks, for running inside Ember.
# Prints "ok NAME" or "FAIL NAME: reason" for each check. Expects the
# utilities on PATH and a scratch directory under $TMPDIR.
T=${TMPDIR:-/tmp}/od-test.$$
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

printf 'abcdefghijklmnopqrstuvwxyz' > f
check od-default 0 '0000000 061141 062143 063145 064147 065151 066153 067155 070157
0000020 071161 072163 073165 074167 075171
0000032' od f
check od-hex 0 ' 61 62 63' od -An -t x1 -N 3 f
check od-chars 0 '0000000   a   b
0000002' od -c -N 2 f
check od-two-types 0 '0000000  61  62
          a   b
0000002' od -t x1 -t c -N 2 f
check od-skip 0 '0000030   y   z
0000032' od -c -j 24 f
check od-decimal 0 '0000000 25185
0000002' od -t u2 -N 2 f
check od-bad-type 2 '' od -t q f
