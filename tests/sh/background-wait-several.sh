(exit 1) & (exit 2) & wait; echo $?
