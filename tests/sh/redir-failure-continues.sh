cat < rfc_missing_file 2>discard.out
echo "status $?"
