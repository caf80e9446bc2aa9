OPTIND=1
getopts :ab: o -q; echo "$o $OPTARG"
OPTIND=1
getopts :ab: o -b; echo "$o $OPTARG"
