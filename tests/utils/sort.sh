#!/bin/sh
# sort checks, for running inside Ember.
# Prints "ok NAME" or "FAIL NAME: reason" for each check. Expects the
# utilities on PATH and a scratch directory under $TMPDIR.
T=${TMPDIR:-/tmp}/sort-test.$$
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

printf 'b\na\nc\n' > letters
printf '10\n9\n-3\n2.5\n100\n' > numbers
printf 'bob:25:london\nalice:30:paris\ncarol:25:berlin\ndave:4:rome\n' > people
check sort-plain 0 'a
b
c' sort letters
check sort-reverse 0 'c
b
a' sort -r letters
check sort-numeric 0 '-3
2.5
9
10
100' sort -n numbers
check sort-numeric-reverse 0 '100
10
9
2.5
-3' sort -nr numbers
check sort-unique 0 'a
b
c' sort -u letters letters
check sort-keys 0 'dave:4:rome
bob:25:london
carol:25:berlin
alice:30:paris' sort -t: -k2,2n -k1,1 people
check sort-key-reverse 0 'dave' sh -c 'sort -t: -k3r people | head -n 1 | cut -d: -f1'
check sort-check-bad 1 '' sort -c numbers
printf 'a\nb\n' > sorted
check sort-check-good 0 '' sort -c sorted
sort -o out letters
check sort-output 0 'a' head -n 1 out
check sort-bad-key 2 '' sort -k 0 letters
