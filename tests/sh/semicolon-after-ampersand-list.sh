echo a & wait; echo b
