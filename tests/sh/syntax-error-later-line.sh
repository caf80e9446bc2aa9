echo one
if true
then
fi
echo no
