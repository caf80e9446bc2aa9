#!/bin/sh
# diff checks, for running inside Ember.
# Prints "ok NAME" or "FAIL NAME: reason" for each check. Expects the
# utilities on PATH and a scratch directory under $TMPDIR.
T=${TMPDIR:-/tmp}/diff-test.$$
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

printf 'a\nb\nc\nd\n' > one
printf 'a\nB\nc\nd\ne\n' > two
cp one copy
check diff-same 0 '' diff one copy
check diff-normal 1 '2c2
< b
---
> B
4a5
> e' diff one two
check diff-unified 0 '@@ -1,4 +1,5 @@
 a
-b
+B
 c
 d
+e' sh -c 'diff -u one two | tail -n +3'
check diff-context-1 0 '@@ -1,4 +1,5 @@' sh -c 'diff -U 1 one two | sed -n 3p'
check diff-brief 1 'Files one and two differ' diff -q one two
check diff-missing 2 '' diff one nonexistent
