f() { cat; }
echo through | f | f
