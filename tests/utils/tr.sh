#!/bin/sh
# tr checks, for running inside Ember.
# Prints "ok NAME" or "FAIL NAME: reason" for each check. Expects the
# utilities on PATH and a scratch directory under $TMPDIR.
T=${TMPDIR:-/tmp}/tr-test.$$
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

echo 'hello world' > f
check tr-range 0 'HELLO WORLD' sh -c 'tr a-z A-Z < f'
check tr-class 0 'HELLO WORLD' sh -c "tr '[:lower:]' '[:upper:]' < f"
check tr-delete 0 'he wrd' sh -c 'tr -d lo < f'
check tr-squeeze 0 'a b' sh -c "echo 'a    b' | tr -s ' '"
check tr-complement 0 '123' sh -c "echo 'a1b2c3' | tr -cd '0-9'"
check tr-pad 0 'xxxd' sh -c "echo abcd | tr abc x"
check tr-octal 0 'a:b' sh -c "echo 'a b' | tr ' ' '\\072'"
check tr-bad-usage 2 '' tr -d
