printf 'echo "args: $# $1 $2"\n' > ssa_script.sh
"$SH" ssa_script.sh x y
