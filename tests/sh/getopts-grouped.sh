while getopts xyz: o -xy -zARG rest; do echo "$o ${OPTARG-}"; done
echo $OPTIND
