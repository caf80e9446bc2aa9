echo abc > rw_file
cat <> rw_file
