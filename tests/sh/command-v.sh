command -v echo
command -v no_such_cmd_cv || echo none
f() { :; }
command -v f
