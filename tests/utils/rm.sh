#!/bin/sh
# rm: files, -r, -f, -i, refusals.
. "$(dirname "$0")/fileutils.inc"
touch f
check rm-file "" sh -c 'rm f && ls'
mkdir -p d/sub
touch d/sub/x
check_error rm-dir-needs-r "Is a directory" rm d
check rm-recursive "" sh -c 'rm -r d && ls'
check rm-recursive-force "" sh -c 'mkdir -p t/u && touch t/u/x && rm -rf t nope && ls'
check_status rm-force-missing 0 rm -f nope
check_error rm-missing "rm: cannot remove 'nope'" rm nope
check_error rm-dot "refusing to remove '.' or '..'" rm -rf .
check_error rm-dotdot "refusing to remove '.' or '..'" rm -rf ..
touch keep
check rm-interactive-no "keep" sh -c 'echo n | rm -i keep 2>/dev/null; ls'
check_status rm-usage 2 rm
finish
