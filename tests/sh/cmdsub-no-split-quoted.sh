x="$(echo 'a  b')"; echo "$x"
set -- $(echo 'c  d'); echo $#
