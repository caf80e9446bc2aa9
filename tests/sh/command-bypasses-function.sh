true() { echo func; }
true
command true && echo builtin-ran
