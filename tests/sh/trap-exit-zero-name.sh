trap 'echo zero' 0
echo main
