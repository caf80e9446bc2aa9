set -e
set +e
false
echo continues
