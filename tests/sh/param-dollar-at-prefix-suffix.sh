set -- x y z
for w in "pre$@post"; do echo "$w"; done
