printf 'dotvar=fromdot\necho in-dot\n' > ds_file.sh
. ./ds_file.sh
echo $dotvar
