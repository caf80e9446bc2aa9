(exit 1)
echo still-here
