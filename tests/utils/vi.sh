#!/bin/sh
# vi checks, for running inside Ember: keys are piped into vi.
# Prints "ok NAME" or "FAIL NAME: reason" for each check. Expects the
# utilities on PATH and a scratch directory under $TMPDIR.
T=${TMPDIR:-/tmp}/vi-test.$$
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

# edit FILE KEYS: run vi on FILE with KEYS as its input (ESC written \033).
edit() {
    printf "$2" | vi "$1" > /dev/null 2>&1
}
printf 'one\ntwo\nthree\n' > f
edit f 'jdd:wq\n'
check vi-delete-line 0 'one
three' cat f
edit f 'ihello \033:wq\n'
check vi-insert 0 'hello one
three' cat f
edit f 'dw:wq\n'
check vi-delete-word 0 'one
three' cat f
edit f 'Go4th\033ggx:wq\n'
check vi-open-line 0 'ne
three
4th' cat f
edit f '/three\nD:wq\n'
check vi-search 0 'ne

4th' cat f
edit f 'ddu:wq\n'
check vi-undo 0 'ne' head -n 1 f
edit f 'yyP:x\n'
check vi-yank-put 0 '4' sh -c 'wc -l < f | tr -d " "'
edit f 'x:q!\n'
check vi-quit-without-saving 0 'ne' head -n 1 f
edit new 'inew file\033ZZ'
check vi-new-file 0 'new file' cat new
