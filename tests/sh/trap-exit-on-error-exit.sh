set -e
trap 'echo cleanup' EXIT
false
