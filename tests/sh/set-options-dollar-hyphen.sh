set -f -u
case $- in *f*) echo f-on;; esac
case $- in *u*) echo u-on;; esac
set +f
case $- in *f*) echo f-still;; *) echo f-off;; esac
