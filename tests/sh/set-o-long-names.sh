set -o noglob
case $- in *f*) echo noglob;; esac
set +o noglob -o nounset
case $- in *u*) echo nounset;; esac
