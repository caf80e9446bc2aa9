IFS=:
x=":a"
set -- $x
echo $#
