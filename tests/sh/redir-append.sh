echo one > ra_file
echo two >> ra_file
cat ra_file
