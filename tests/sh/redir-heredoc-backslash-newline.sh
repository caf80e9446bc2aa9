cat <<EOF
ab\
cd
EOF
