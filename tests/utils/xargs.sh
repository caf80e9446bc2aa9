#!/bin/sh
# xargs: splitting, quotes, -n, -I, -0, -t, -E, -r, exit statuses.
. "$(dirname "$0")/fileutils.inc"
check xargs-default "a b c" sh -c 'printf "a b\n c\n" | xargs'
check xargs-quotes "$(printf 'a\nb c\nd e\nf g')" sh -c "printf '%s\n' 'a \"b c\" '\''d e'\'' f\\ g' | xargs -n 1"
check xargs-n "$(printf '1 2\n3 4\n5')" sh -c 'echo 1 2 3 4 5 | xargs -n 2'
check xargs-replace "$(printf '[one]\n[two words]')" sh -c 'printf "one\n  two words\n" | xargs -I {} echo [{}]'
check xargs-nul "$(printf 'a b\nc')" sh -c 'printf "a b\0c\0" | xargs -0 -n 1'
check xargs-trace "echo x" sh -c 'echo x | xargs -t 2>&1 >/dev/null'
check xargs-eof "a" sh -c 'echo a STOP b | xargs -E STOP'
check xargs-r "" sh -c ': | xargs -r echo ran'
check xargs-empty-runs "ran" sh -c ': | xargs echo ran'
check_status xargs-fails 123 sh -c 'echo a | xargs false'
check_status xargs-not-found 127 sh -c 'echo a | xargs no-such-command-here'
check_status xargs-bad-option 2 xargs -q
finish
