set -e
! true
echo ok
