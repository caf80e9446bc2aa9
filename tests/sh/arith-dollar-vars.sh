x=3; y=4
echo $(( $x * $y )) $((x*y))
