: > gng_file
set -f
echo gng_*
set +f
echo gng_*
