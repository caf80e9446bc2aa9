false && echo no &
wait
true && echo yes > bg_andor.txt &
wait
cat bg_andor.txt
