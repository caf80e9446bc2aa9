x=archive.tar.gz
echo ${x%.*} ${x%%.*} ${x%.zip}
