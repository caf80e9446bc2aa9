#!/bin/sh
# cut checks, for running inside Ember.
# Prints "ok NAME" or "FAIL NAME: reason" for each check. Expects the
# utilities on PATH and a scratch directory under $TMPDIR.
T=${TMPDIR:-/tmp}/cut-test.$$
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

printf 'bob:25:london\nalice:30:paris\n' > f
printf 'a\tb\tc\nnodelim\n' > t
check cut-fields 0 'bob:london
alice:paris' cut -d: -f1,3 f
check cut-field-range 0 '25:london
30:paris' cut -d: -f2- f
check cut-chars 0 'ob
li' cut -c 2-3 f
check cut-bytes-open 0 'bo
al' cut -b -2 f
check cut-tab 0 'b
nodelim' cut -f2 t
check cut-only-delimited 0 'b' cut -s -f2 t
check cut-zero 2 '' cut -f0 f
check cut-no-list 2 '' cut f
