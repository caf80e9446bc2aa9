: > tf_file
echo x > tf_nonempty
test -f tf_file && echo file
test -d . && echo dir
test -e tf_file && echo exists
test -s tf_file || echo empty-file
test -s tf_nonempty && echo has-size
test -e tf_missing || echo missing
