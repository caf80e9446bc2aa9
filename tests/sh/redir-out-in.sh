echo data > ri_file
cat < ri_file
read line < ri_file; echo "got $line"
