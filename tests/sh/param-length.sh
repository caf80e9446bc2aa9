x=hello; e=
echo ${#x} ${#e} ${#undefined_z}
set -- a b c
echo ${#}
