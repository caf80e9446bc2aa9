if true; false; then echo no; else echo yes; fi
if false || true; then echo or-ok; fi
