x=abc123def
echo ${x%%[0-9]*} ${x##*[[:digit:]]}
