echo 'a\tb'
echo 'one\ntwo'
echo 'stop\chere'; echo
