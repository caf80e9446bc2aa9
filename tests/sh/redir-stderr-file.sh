no_such_cmd_rsf 2> rsf_err
test -s rsf_err && echo has-error
