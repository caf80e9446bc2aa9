#!/bin/sh
# grep checks, for running inside Ember.
# Prints "ok NAME" or "FAIL NAME: reason" for each check. Expects the
# utilities on PATH and a scratch directory under $TMPDIR.
T=${TMPDIR:-/tmp}/grep-test.$$
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

printf 'apple pie\nbanana\nCherry tart\napple\n' > f
printf 'kiwi\n' > g
check grep-basic 0 'apple pie
apple' grep apple f
check grep-no-match 1 '' grep plum f
check grep-count 0 '4' grep -c a f
check grep-icase-number 0 '3:Cherry tart' grep -in cherry f
check grep-invert 0 'banana
Cherry tart' grep -v apple f
check grep-extended 0 'banana' grep -E 'an(an)+' f
check grep-backref 0 'banana' grep '\(an\)\1' f
check grep-fixed 1 '' grep -F 'a.e' f
check grep-word 0 'apple pie
apple' grep -w apple f
check grep-line 0 'apple' grep -x apple f
check grep-list 0 'f' grep -l apple f g
check grep-list-without 0 'g' grep -L apple f g
check grep-names 0 'f:apple pie
g:kiwi' grep -i 'i' f g
check grep-several-e 0 'apple pie
banana' grep -e pie -e nan f
check grep-quiet 0 '' grep -q pie f
check grep-only-matching 0 'an
an' grep -o an f
check grep-only-matching-number 0 '1:apple
2:anana
3:art
4:apple' grep -on 'a[a-z]*' f
check grep-only-matching-patterns 0 'Ch
ta' grep -oi -e ch -e ta f
check grep-only-matching-word 1 '' grep -ow an f
check grep-only-matching-empty 0 '' grep -o 'x*' f
check grep-missing-file 2 '' grep x nonexistent
check grep-bad-regex 2 '' grep 'a\(' f
mkdir -p d/sub && cp f d/sub/f
check grep-recursive 0 'd/sub/f:banana' grep -r banana d
check grep-recursive-icase-number 0 'd/sub/f:3:Cherry tart' grep -rin cherry d
