x=1
{ x=2; }
echo $x
{ echo a; echo b; } | cat
