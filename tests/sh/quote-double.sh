x=val; printf '%s\n' "x=$x \$x \"q\" \\ \a"
