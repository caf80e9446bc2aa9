echo "$(echo ')')" $(echo "(")
