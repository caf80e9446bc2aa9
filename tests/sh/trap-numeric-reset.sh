trap 'echo x' INT
trap 2
trap
echo ok
