readonly R=1
echo $R
R=2
echo no
