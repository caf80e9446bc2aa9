echo to3 3>rf_file >&3
cat rf_file
