false && echo a || echo b
true || echo a && echo c
false || false || echo d
