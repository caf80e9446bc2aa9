echo bg > bg_wait.txt &
wait
cat bg_wait.txt
