IFS=,
line="a,b,c"
for w in $line; do echo $w; done
