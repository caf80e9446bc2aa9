a=b; b=5
echo $((a + 1))
