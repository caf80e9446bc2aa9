cat 3<<EOF <&3
via three
EOF
