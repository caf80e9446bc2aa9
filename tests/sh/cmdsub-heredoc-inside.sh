x=$(cat <<EOF
from heredoc
EOF
)
echo "$x"
