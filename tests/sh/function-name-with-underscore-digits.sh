my_func2() { echo ok2; }
my_func2
