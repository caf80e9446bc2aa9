outer() { inner() { echo inner-run; }; }
outer
inner
