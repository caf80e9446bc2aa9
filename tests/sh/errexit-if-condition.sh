set -e
if false; then echo no; fi
if ! true; then echo no; fi
echo ok
