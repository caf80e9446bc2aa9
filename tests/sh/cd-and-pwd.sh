cd /
pwd
echo $PWD
cd - > discard.out
test "$PWD" != / && echo back
