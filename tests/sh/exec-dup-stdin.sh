printf "from-file\n" > eds_file
exec 3<&0 < eds_file
read l
exec 0<&3 3<&-
echo "$l"
