set -e
false || echo recovered
echo ok
