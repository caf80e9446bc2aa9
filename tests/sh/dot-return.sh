printf 'echo one\nreturn 3\necho no\n' > dr_file.sh
. ./dr_file.sh
echo $?
