echo before
. ./dm_missing_file.sh
echo no
