echo $((z = 9)); echo $z
