exec 3>rep_file
echo one >&3
echo two >&3
exec 3>&-
cat rep_file
