#!/bin/sh
# sed checks, for running inside Ember.
# Prints "ok NAME" or "FAIL NAME: reason" for each check. Expects the
# utilities on PATH and a scratch directory under $TMPDIR.
T=${TMPDIR:-/tmp}/sed-test.$$
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

printf 'hello world\nfoo bar\nbaz\n' > f
check sed-subst 0 'hell0 w0rld' sed -n '1s/o/0/gp' f
check sed-subst-nth 0 'hello w0rld' sed -n '1s/o/0/2p' f
check sed-groups 0 'world hello' sed -n 's/\(hello\) \(world\)/\2 \1/p' f
check sed-ere 0 'hell[o] world
f[oo] bar' sed -E -n 's/(o+)/[\1]/p;' f
check sed-delete 0 'hello world
baz' sed 2d f
check sed-range 0 'foo bar
baz' sed -n '/foo/,$p' f
check sed-negate 0 'foo bar' sed '/foo/!d' f
check sed-quit 0 'hello world' sed 1q f
check sed-append 0 'hello world
after
foo bar
baz' sed '1a\
after' f
check sed-insert 0 'top
hello world' sed -n '1{i\
top
p;}' f
check sed-change 0 'hello world
changed
baz' sed '2c\
changed' f
check sed-translate 0 'heggo worgd' sed -n '1y/l/g/;1p' f
check sed-number 0 '3' sed -n '$=' f
check sed-join 0 'hello world,foo bar,baz' sed ':a;N;$!ba;s/\n/,/g' f
check sed-reverse 0 'baz
foo bar
hello world' sed '1!G;h;$!d' f
check sed-branch 0 'hello world
no foo bar
no baz' sed 's/world/&/;tx;s/^/no /;:x' f
check sed-script-file 0 'jello world' sh -c 'echo "s/h/j/" > s.sed; sed -n -f s.sed -e 1p f'
cp f g
sed -i 's/baz/BAZ/' g
check sed-in-place 0 'BAZ' tail -n 1 g
check sed-bad-command 1 '' sed k f
check sed-bad-option 2 '' sed -Z p f
