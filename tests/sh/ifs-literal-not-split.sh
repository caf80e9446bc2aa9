IFS=:
echo a:b
x=c:d
echo $x "$x"
