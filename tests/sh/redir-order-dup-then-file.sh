f() { echo out; echo err >&2; }
f 2>&1 >ro1_file
echo ---
cat ro1_file
