echo piped |
cat
