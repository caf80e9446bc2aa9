test abc = abc && echo eq
test abc != abd && echo ne
test -z "" && echo empty
test -n x && echo nonempty
test x && echo one-arg
test "" || echo null-false
