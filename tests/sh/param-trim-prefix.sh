x=/usr/local/bin
echo ${x#*/} ${x##*/} ${x#/usr}
