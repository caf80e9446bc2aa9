kind() { case $1 in [0-9]*) return 0;; *) return 1;; esac; }
kind 42 && echo number
kind x || echo word
