echo a > rnc_file
set -C
echo b > rnc_file 2>|discard.out || echo refused
echo c >| rnc_file
cat rnc_file
echo d >> rnc_file
cat rnc_file
