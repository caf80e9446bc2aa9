outer() { inner() { echo "inner $1"; }; inner "$2"; echo "outer $1"; }
outer A B
