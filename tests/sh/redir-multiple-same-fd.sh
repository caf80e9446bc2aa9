echo x > rms_a > rms_b
cat rms_b; test -f rms_a && echo a-created
