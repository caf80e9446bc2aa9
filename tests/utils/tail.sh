#!/bin/sh
# tail checks, for running inside Ember.
# Prints "ok NAME" or "FAIL NAME: reason" for each check. Expects the
# utilities on PATH and a scratch directory under $TMPDIR.
T=${TMPDIR:-/tmp}/tail-test.$$
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
check tail-default 0 "$(printf '11\n12\n13\n14\n15\n16\n17\n18\n19\n20')" tail n
check tail-n 0 '19
20' tail -n 2 n
check tail-from-line 0 '20' tail -n +20 n
check tail-obsolete 0 '20' tail -1 n
check tail-bytes 0 '20' tail -c 3 n
printf 'a\nb' > nonl
check tail-no-final-newline 0 'b' tail -n 1 nonl
check tail-missing 1 '' tail nonexistent
echo first > log
tail -f log > follow.out &
pid=$!
sleep 1
echo second >> log
sleep 2
kill $pid
check tail-follow 0 'first
second' cat follow.out
