x=world
cat <<'EOF'
hello $x
$(echo sub) \$x
EOF
cat <<"E2"
`not run`
E2
cat <<\E3
$x
E3
