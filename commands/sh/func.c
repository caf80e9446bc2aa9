/*
 * Functions keep their syntax tree alive by holding a reference on the
 * arena it was parsed into; redefining or unsetting drops the reference.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "func.h"

struct func {
    struct func *next;
    struct node *def;
};

static struct func *funcs;

static struct func *lookup(const char *name)
{
    for (struct func *f = funcs; f; f = f->next) {
        if (strcmp(f->def->func.name, name) == 0)
            return f;
    }
    return NULL;
}

void func_define(struct node *def)
{
    struct func *f = lookup(def->func.name);

    arena_ref(def->func.arena);
    if (f) {
        struct arena *old = f->def->func.arena;

        f->def = def;
        arena_unref(old);
        return;
    }
    f = xcalloc(1, sizeof *f);
    f->def = def;
    f->next = funcs;
    funcs = f;
}

struct node *func_find(const char *name)
{
    struct func *f = lookup(name);

    return f ? f->def : NULL;
}

int func_unset(const char *name)
{
    for (struct func **pp = &funcs; *pp; pp = &(*pp)->next) {
        struct func *f = *pp;

        if (strcmp(f->def->func.name, name) == 0) {
            *pp = f->next;
            arena_unref(f->def->func.arena);
            free(f);
            return 0;
        }
    }
    return -1;
}

void func_clear_all(void)
{
    while (funcs) {
        struct func *f = funcs;

        funcs = f->next;
        arena_unref(f->def->func.arena);
        free(f);
    }
}
