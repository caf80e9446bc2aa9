up() { while read l; do echo "[$l]"; done; }
printf 'x\ny\n' | up | up
