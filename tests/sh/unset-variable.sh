x=1
unset x
echo "[${x-unset}]"
unset not_there; echo $?
