p=$$
x=$(echo $$)
y=$( (echo $$) )
test "$p" = "$x" && test "$p" = "$y" && echo same
