/* The variable table, local scopes and positional parameters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "builtin.h"
#include "error.h"
#include "options.h"
#include "quote.h"
#include "var.h"

#define NBUCKETS 128

static struct var *buckets[NBUCKETS];

struct saved_var {
    struct saved_var *next;
    char *name;
    char *value;
    unsigned flags;
    bool existed;
};

struct scope {
    struct scope *up;
    struct saved_var *saved;
};

static struct scope *scopes;
struct posparams posparams;

static unsigned hash_name(const char *name)
{
    unsigned h = 5381;

    while (*name)
        h = h * 33 + (unsigned char)*name++;
    return h % NBUCKETS;
}

struct var *var_find(const char *name)
{
    for (struct var *v = buckets[hash_name(name)]; v; v = v->next) {
        if (strcmp(v->name, name) == 0)
            return v;
    }
    return NULL;
}

const char *var_get(const char *name)
{
    struct var *v = var_find(name);

    return v ? v->value : NULL;
}

static struct var *var_create(const char *name)
{
    struct var *v = xcalloc(1, sizeof *v);
    unsigned h = hash_name(name);

    v->name = xstrdup(name);
    v->next = buckets[h];
    buckets[h] = v;
    return v;
}

int var_set(const char *name, const char *value, unsigned flags)
{
    struct var *v = var_find(name);

    if (v && (v->flags & V_READONLY) && value) {
        sh_error("%s: is read only", name);
        return -1;
    }
    if (!v)
        v = var_create(name);
    if (value) {
        char *copy = xstrdup(value);

        free(v->value);
        v->value = copy;
        if (opt.allexport)
            flags |= V_EXPORT;
        if (strcmp(name, "OPTIND") == 0)
            getopts_reset();
    }
    v->flags |= flags;
    return 0;
}

int var_set_int(const char *name, long value)
{
    char buf[32];

    snprintf(buf, sizeof buf, "%ld", value);
    return var_set(name, buf, 0);
}

static void var_remove(const char *name)
{
    for (struct var **pp = &buckets[hash_name(name)]; *pp; pp = &(*pp)->next) {
        struct var *v = *pp;

        if (strcmp(v->name, name) == 0) {
            *pp = v->next;
            free(v->name);
            free(v->value);
            free(v);
            return;
        }
    }
}

int var_unset(const char *name)
{
    struct var *v = var_find(name);

    if (!v)
        return 0;
    if (v->flags & V_READONLY) {
        sh_error("%s: is read only", name);
        return -1;
    }
    var_remove(name);
    if (strcmp(name, "OPTIND") == 0)
        getopts_reset();
    return 0;
}

void var_import_environ(char **envp)
{
    for (; envp && *envp; envp++) {
        const char *eq = strchr(*envp, '=');
        char *name;

        if (!eq)
            continue;
        name = xstrndup(*envp, (size_t)(eq - *envp));
        var_set(name, eq + 1, V_EXPORT);
        free(name);
    }
}

char **var_environ(void)
{
    size_t n = 0, i = 0;
    char **env;

    for (int b = 0; b < NBUCKETS; b++) {
        for (struct var *v = buckets[b]; v; v = v->next)
            n += (v->flags & V_EXPORT) && v->value;
    }
    env = xmalloc(sizeof *env * (n + 1));
    for (int b = 0; b < NBUCKETS; b++) {
        for (struct var *v = buckets[b]; v; v = v->next) {
            if (!(v->flags & V_EXPORT) || !v->value)
                continue;
            env[i] = xmalloc(strlen(v->name) + strlen(v->value) + 2);
            sprintf(env[i++], "%s=%s", v->name, v->value);
        }
    }
    env[i] = NULL;
    return env;
}

void var_free_environ(char **env)
{
    for (char **e = env; *e; e++)
        free(*e);
    free(env);
}

static int compare_vars(const void *a, const void *b)
{
    return strcmp((*(struct var *const *)a)->name, (*(struct var *const *)b)->name);
}

/* Every variable with all of flags set, sorted by name. */
static struct var **sorted_vars(unsigned flags, size_t *count)
{
    size_t n = 0, cap = 64;
    struct var **list = xmalloc(sizeof *list * cap);

    for (int b = 0; b < NBUCKETS; b++) {
        for (struct var *v = buckets[b]; v; v = v->next) {
            if ((v->flags & flags) != flags)
                continue;
            if (n == cap)
                list = xrealloc(list, sizeof *list * (cap *= 2));
            list[n++] = v;
        }
    }
    qsort(list, n, sizeof *list, compare_vars);
    *count = n;
    return list;
}

void var_print_all(void)
{
    size_t n;
    struct var **list = sorted_vars(0, &n);

    for (size_t i = 0; i < n; i++) {
        char *q;

        if (!list[i]->value)
            continue;
        q = shell_quote(list[i]->value);
        printf("%s=%s\n", list[i]->name, q);
        free(q);
    }
    free(list);
}

void var_print_flagged(unsigned flag, const char *prefix)
{
    size_t n;
    struct var **list = sorted_vars(flag, &n);

    for (size_t i = 0; i < n; i++) {
        char *q;

        if (!list[i]->value) {
            printf("%s %s\n", prefix, list[i]->name);
            continue;
        }
        q = shell_quote(list[i]->value);
        printf("%s %s=%s\n", prefix, list[i]->name, q);
        free(q);
    }
    free(list);
}

void var_push_scope(void)
{
    struct scope *s = xcalloc(1, sizeof *s);

    s->up = scopes;
    scopes = s;
}

bool var_in_scope(void)
{
    return scopes != NULL;
}

void var_make_local(const char *name)
{
    struct saved_var *sv;
    struct var *v;

    if (!scopes)
        return;
    for (sv = scopes->saved; sv; sv = sv->next) {
        if (strcmp(sv->name, name) == 0)
            return;
    }
    sv = xcalloc(1, sizeof *sv);
    sv->name = xstrdup(name);
    v = var_find(name);
    if (v) {
        sv->existed = true;
        sv->value = v->value ? xstrdup(v->value) : NULL;
        sv->flags = v->flags;
    }
    sv->next = scopes->saved;
    scopes->saved = sv;
}

static void restore_saved(struct saved_var *sv)
{
    struct var *v;

    if (!sv->existed) {
        var_remove(sv->name);
        return;
    }
    v = var_find(sv->name);
    if (!v)
        v = var_create(sv->name);
    free(v->value);
    v->value = sv->value;
    v->flags = sv->flags;
    if (strcmp(sv->name, "OPTIND") == 0)
        getopts_reset();
}

void var_pop_scope(void)
{
    struct scope *s = scopes;

    if (!s)
        return;
    scopes = s->up;
    while (s->saved) {
        struct saved_var *sv = s->saved;

        s->saved = sv->next;
        restore_saved(sv);
        free(sv->name);
        free(sv);
    }
    free(s);
}

void var_clear_unexported(void)
{
    size_t n;
    struct var **list = sorted_vars(0, &n);

    for (size_t i = 0; i < n; i++) {
        if (!(list[i]->flags & V_EXPORT))
            var_remove(list[i]->name);
    }
    free(list);
}

void params_set(int argc, char *const *argv)
{
    struct posparams fresh = { argc, xmalloc(sizeof(char *) * (size_t)(argc + 1)) };

    for (int i = 0; i < argc; i++)
        fresh.values[i] = xstrdup(argv[i]);
    fresh.values[argc] = NULL;
    params_restore(fresh);
}

struct posparams params_save(void)
{
    struct posparams saved = posparams;

    posparams.count = 0;
    posparams.values = NULL;
    return saved;
}

void params_restore(struct posparams saved)
{
    for (int i = 0; i < posparams.count; i++)
        free(posparams.values[i]);
    free(posparams.values);
    posparams = saved;
}
