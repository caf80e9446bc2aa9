trap 'echo got-signal' USR1 USR2
kill -USR1 $$
kill -USR2 $$
echo end
