{ echo out; echo err >&2; } 2>discard.out | cat
