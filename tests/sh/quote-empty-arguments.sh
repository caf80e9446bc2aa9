set -- "" '' a ""
echo $#
