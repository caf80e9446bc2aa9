echo abc\
def
echo "x\
y"
echo 'p\
q'
