f() { return 4; }
echo x | f
echo $?
