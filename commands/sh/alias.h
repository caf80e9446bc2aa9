/* Aliases: text substituted for a command name by the lexer. */
#ifndef SH_ALIAS_H
#define SH_ALIAS_H

#include <stdbool.h>

struct alias {
    struct alias *next;
    char *name;
    char *value;
    bool in_use;   /* its text is being read: do not expand it again */
    bool unlinked; /* removed while in use: freed by alias_release() */
};

struct alias *alias_find(const char *name);
void alias_set(const char *name, const char *value);
/* Returns -1 if there was no such alias. */
int alias_remove(const char *name);
void alias_remove_all(void);
/* The lexer has finished reading the alias's text. */
void alias_release(struct alias *a);
/* Print "name='value'" lines, sorted by name. */
void alias_print_all(void);
void alias_print(const struct alias *a);
bool alias_name_valid(const char *name, size_t len);

#endif
