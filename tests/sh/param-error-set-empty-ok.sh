x=
echo "${x?not shown}" ok
