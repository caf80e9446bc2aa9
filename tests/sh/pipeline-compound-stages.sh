{ echo one; echo two; } | { read a; read b; echo "$b $a"; } | cat
