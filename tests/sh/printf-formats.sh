printf "%s-%d-%x-%X-%o|%5s|%-5s|%05d\n" str 42 255 255 8 ab cd 42
