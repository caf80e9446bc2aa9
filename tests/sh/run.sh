#!/bin/sh
# Run the shell's test cases with a given shell:
#
#     tests/sh/run.sh SHELL
#
# Each case NAME.sh runs as `SHELL NAME.sh` with the scratch directory
# $TMPDIR (default /tmp) as its working directory and SH=SHELL in its
# environment. Its standard output must equal NAME.out and its exit status
# the number in NAME.status (0 when there is no such file). Prints one line
# per failing case, then "N passed, N failed"; exits 1 if any failed.
#
# Only the shell itself and echo, printf, cat, test, true and false are
# used, here and in the cases, so the suite runs on a bare system.

if [ $# -ne 1 ]; then
    echo "usage: run.sh SHELL" >&2
    exit 2
fi

shell=$1
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

passed=0
failed=0
for case_file in "$here"/*.sh; do
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
    got=$("$shell" "$case_file" 2> "$scratch/$name.stderr"; echo "[exit $?]")
    if [ "$got" = "$want" ]; then
        passed=$((passed + 1))
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
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
