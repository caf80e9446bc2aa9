getopts a o -a; echo $o
OPTIND=1
getopts b o -b; echo $o
