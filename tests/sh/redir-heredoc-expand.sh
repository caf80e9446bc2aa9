x=world
cat <<EOF
hello $x
$(echo sub) $((1+1))
\$x \\
EOF
