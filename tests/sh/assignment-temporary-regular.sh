x=orig
x=temp true
echo $x
