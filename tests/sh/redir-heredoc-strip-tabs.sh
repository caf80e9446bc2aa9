cat <<-EOF
	indented
		more
	EOF
echo after
