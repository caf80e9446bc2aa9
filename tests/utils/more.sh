#!/bin/sh
# more checks, for running inside Ember (not on a terminal: more copies).
# Prints "ok NAME" or "FAIL NAME: reason" for each check. Expects the
# utilities on PATH and a scratch directory under $TMPDIR.
T=${TMPDIR:-/tmp}/more-test.$$
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

printf 'one\ntwo\n' > f
check more-copies 0 'one
two' sh -c 'more f | cat'
check more-stdin 0 'x' sh -c 'echo x | more | cat'
check more-missing 1 '' sh -c 'more nonexistent | cat; exit 1'
