#!/bin/sh
# wc checks, for running inside Ember.
# Prints "ok NAME" or "FAIL NAME: reason" for each check. Expects the
# utilities on PATH and a scratch directory under $TMPDIR.
T=${TMPDIR:-/tmp}/wc-test.$$
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

printf 'one two\nthree\n\nfour' > f
printf 'a b\n' > g
check wc-all 0 '      3       4      19 f' wc f
check wc-lines 0 '      3 f' wc -l f
check wc-words 0 '      4 f' wc -w f
check wc-bytes-stdin 0 '19' sh -c 'wc -c < f'
check wc-total 0 '      4 f
      2 g
      6 total' wc -w f g
check wc-missing-file 1 '' wc nonexistent
check wc-bad-option 2 '' wc -z
