n=0
while echo x | read y && [ $n -lt 2 ]; do n=$((n+1)); done
echo $n
