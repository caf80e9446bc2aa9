x=ab
echo ${x}cd $xcd.
