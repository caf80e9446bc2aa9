echo long-content > rt_file
echo x > rt_file
cat rt_file
