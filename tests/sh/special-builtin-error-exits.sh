echo before
set -Q 2>discard.out
echo no
