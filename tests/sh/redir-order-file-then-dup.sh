f() { echo out; echo err >&2; }
f >ro2_file 2>&1
echo ---
cat ro2_file
