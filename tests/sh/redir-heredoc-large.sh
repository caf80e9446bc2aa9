i=0; s=
while [ $i -lt 2000 ]; do s="$s 0123456789"; i=$((i+1)); done
cat <<EOF | { read l; echo ${#l}; }
$s
EOF
