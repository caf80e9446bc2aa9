set -x
echo traced 2>discard.out
set +x
echo plain
