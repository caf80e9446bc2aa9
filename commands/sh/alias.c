/* The alias table: a short sorted list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "alloc.h"
#include "quote.h"

static struct alias *aliases;

struct alias *alias_find(const char *name)
{
    for (struct alias *a = aliases; a; a = a->next) {
        if (strcmp(a->name, name) == 0)
            return a;
    }
    return NULL;
}

void alias_set(const char *name, const char *value)
{
    struct alias *a = alias_find(name), **pp;

    if (a) {
        free(a->value);
        a->value = xstrdup(value);
        return;
    }
    a = xcalloc(1, sizeof *a);
    a->name = xstrdup(name);
    a->value = xstrdup(value);
    for (pp = &aliases; *pp && strcmp((*pp)->name, name) < 0; pp = &(*pp)->next)
        ;
    a->next = *pp;
    *pp = a;
}

/* An alias being read is only unlinked; its text stays valid till popped. */
static void alias_free(struct alias *a)
{
    if (a->in_use) {
        a->unlinked = true;
        return;
    }
    free(a->name);
    free(a->value);
    free(a);
}

void alias_release(struct alias *a)
{
    a->in_use = false;
    if (a->unlinked)
        alias_free(a);
}

int alias_remove(const char *name)
{
    for (struct alias **pp = &aliases; *pp; pp = &(*pp)->next) {
        struct alias *a = *pp;

        if (strcmp(a->name, name) == 0) {
            *pp = a->next;
            alias_free(a);
            return 0;
        }
    }
    return -1;
}

void alias_remove_all(void)
{
    while (aliases) {
        struct alias *a = aliases;

        aliases = a->next;
        alias_free(a);
    }
}

void alias_print(const struct alias *a)
{
    char *q = shell_quote(a->value);

    printf("%s=%s\n", a->name, q);
    free(q);
}

void alias_print_all(void)
{
    for (struct alias *a = aliases; a; a = a->next)
        alias_print(a);
}

bool alias_name_valid(const char *name, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (strchr("=/$`'\"\\ \t\n;&|<>()", name[i]))
            return false;
    }
    return true;
}
