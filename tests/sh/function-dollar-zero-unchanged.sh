f() { case $0 in *function-dollar-zero*) echo script-name;; *) echo other;; esac; }
f
