alias hi='echo hi-alias'
f() { hi; }
f
