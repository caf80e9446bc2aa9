echo x > rfb_missing_dir/file 2>discard.out
echo "status $?"
{ echo y; } > rfb_missing_dir/file 2>discard.out
echo "status $?"
