printf "[%*d] [%.*s]\n" 5 42 2 abcdef
