eval 'x=5; echo $x'
eval echo '$x' more
