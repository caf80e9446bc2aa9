[ 5 -eq 5 ] && echo eq
[ 3 -lt 10 ] && echo lt
[ 10 -gt 3 ] && echo gt
[ 4 -ge 4 ] && echo ge
[ 4 -le 3 ] || echo not-le
[ -3 -ne 3 ] && echo ne
