cat <<EOF | while read w; do echo "<$w>"; done
a
b
EOF
