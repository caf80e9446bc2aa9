printf "x\ny\n" > rci_file
while read l; do echo "[$l]"; done < rci_file
