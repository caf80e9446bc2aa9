echo a # comment
echo b#c
# whole line
echo "# not comment"
