printf "l1\nl2\n" > rid_file
exec 4<rid_file
read a <&4; read b <&4
exec 4<&-
echo "$a $b"
