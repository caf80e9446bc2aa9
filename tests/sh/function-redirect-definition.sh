f() { echo in-f; } > frd_file
f
cat frd_file
