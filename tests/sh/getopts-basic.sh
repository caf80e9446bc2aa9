while getopts ab:c opt -a -b val -c file; do
  echo "opt=$opt arg=${OPTARG:-none}"
done
echo "OPTIND=$OPTIND"
