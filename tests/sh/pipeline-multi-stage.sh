echo hello | cat | cat | cat | cat
