#!/bin/sh
# uniq checks, for running inside Ember.
# Prints "ok NAME" or "FAIL NAME: reason" for each check. Expects the
# utilities on PATH and a scratch directory under $TMPDIR.
T=${TMPDIR:-/tmp}/uniq-test.$$
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

printf 'a\na\nb\nA\nc\nc\n' > f
check uniq-plain 0 'a
b
A
c' uniq f
check uniq-count 0 '      2 a
      1 b
      1 A
      2 c' uniq -c f
check uniq-repeated 0 'a
c' uniq -d f
check uniq-unique 0 'b
A' uniq -u f
check uniq-icase 0 'A
b
c' sh -c 'sort -f f | uniq -i'
printf 'x a\ny a\nz b\n' > g
check uniq-skip-field 0 'x a
z b' uniq -f 1 g
check uniq-skip-chars 0 'x a
z b' uniq -s 1 g
check uniq-missing 1 '' uniq nonexistent
