getopts a o -- -a; echo "$? $OPTIND"
