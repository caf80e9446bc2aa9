x=1
cat <<E"O"F
$x stays
EOF
