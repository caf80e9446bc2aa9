PREFIX_V=temp "$SH" -c 'echo "$PREFIX_V"'
echo "[${PREFIX_V-unset}]"
