HOME=/home/t
x=~/a:~/b
echo $x ~ ~/z "~"
