trap 'echo parent-exit' EXIT
(echo child)
echo end
