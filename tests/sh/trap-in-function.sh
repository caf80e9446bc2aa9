f() { trap 'echo trapped' USR1; }
f
kill -USR1 $$
echo after
