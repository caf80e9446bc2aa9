echo x
false
