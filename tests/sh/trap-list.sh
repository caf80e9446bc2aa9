trap 'echo hi' INT
trap 'echo bye' EXIT
trap
trap - INT EXIT
trap
echo end
