set -e
f() { false; echo continued; }
if f; then echo yes; fi
echo ok
