test -n; echo $?
test = ; echo $?
test ! ; echo $?
[ -f ] && echo nonempty-string
