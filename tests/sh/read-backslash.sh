printf 'a\\ b\\\nc\n' > rb_file
read x < rb_file; echo "[$x]"
read -r y < rb_file; echo "[$y]"
