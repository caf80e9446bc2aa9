#!/bin/sh
# Run the shell's test cases with a given shell:
#
#     tests/sh/run.sh [-v] SHELL [CASE...]
#
# Each case NAME.sh runs as `SHELL NAME.sh` in an empty directory of its
# own, $TMPDIR/NAME, under the scratch directory $TMPDIR (default /tmp),
# with SH=SHELL in its environment (an unquoted [x] in a case must not
# match a file some other case left behind). Its standard output must equal NAME.out and its exit status
# the number in NAME.status (0 when there is no such file). Prints one line
# per failing case ("FAIL NAME: reason"), then "N passed, N failed"; exits 1
# if any failed. With -v, each passing case prints "ok NAME" too, and a
# failing one what it printed, what was expected and its standard error,
# as lines starting with "    " (for a log that is all one gets, as when
# the suite runs inside the OS). Naming cases runs just those.
#
# Only the shell itself and echo, printf, cat, test, true, false and mkdir
# are used, here and in the cases, so the suite runs on a bare system.

verbose=false
if [ "$1" = -v ]; then
    verbose=true
    shift
fi
if [ $# -lt 1 ]; then
    echo "usage: run.sh [-v] SHELL [CASE...]" >&2
    exit 2
fi

shell=$1
shift
case $shell in
/*) ;;
*/*) shell=$PWD/$shell ;;
esac

here=${0%/*}
[ "$here" = "$0" ] && here=.
here=$(cd "$here" && pwd) || exit 2
scratch=${TMPDIR:-/tmp}
cd "$scratch" || {
    echo "run.sh: cannot use the scratch directory $scratch" >&2
    exit 2
}
SH=$shell
TMPDIR=$scratch
export SH TMPDIR

if [ $# -eq 0 ]; then
    set -- "$here"/*.sh
else
    for name; do
        shift
        set -- "$@" "$here/$name.sh"
    done
fi

# show LABEL TEXT: TEXT's lines, indented and labelled.
show() {
    printf '%s\n' "$2" | while IFS= read -r line; do
        printf '    %s| %s\n' "$1" "$line"
    done
}

passed=0
failed=0
for case_file; do
    name=${case_file##*/}
    name=${name%.sh}
    [ "$name" = run ] && continue
    if [ ! -f "$here/$name.out" ]; then
        echo "FAIL $name: no $name.out"
        failed=$((failed + 1))
        continue
    fi
    want_status=0
    [ -f "$here/$name.status" ] && read want_status < "$here/$name.status"
    want=$(cat "$here/$name.out"; echo "[exit $want_status]")
    work=$scratch/$name
    if ! { [ -d "$work" ] || mkdir "$work"; } || ! cd "$work"; then
        echo "FAIL $name: cannot use the directory $work"
        failed=$((failed + 1))
        continue
    fi
    got=$("$shell" "$case_file" 2> "$scratch/$name.stderr"; echo "[exit $?]")
    cd "$scratch" || exit 2
    if [ "$got" = "$want" ]; then
        passed=$((passed + 1))
        $verbose && echo "ok $name"
        continue
    fi
    failed=$((failed + 1))
    got_status=${got##*\[exit }
    got_status=${got_status%\]}
    if [ "$got_status" != "$want_status" ]; then
        echo "FAIL $name: exit status $got_status, expected $want_status (stderr: $scratch/$name.stderr)"
    else
        echo "FAIL $name: output differs (stderr: $scratch/$name.stderr)"
    fi
    if $verbose; then
        show want "$want"
        show got "$got"
        show stderr "$(cat "$scratch/$name.stderr")"
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
