printf "%b|%s\n" "x\ty" "x\ty"
