y="a  b"
export x=$y
echo "$x"
