alias echo='echo aliased'
echo x
