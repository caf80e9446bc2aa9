/* Builtins for variables: export readonly local unset shift */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "builtin.h"
#include "error.h"
#include "func.h"
#include "sh.h"
#include "var.h"

/* name or name=value: set *value to the part after '=' (or NULL). */
static char *split_operand(const char *arg, const char **value)
{
    const char *eq = strchr(arg, '=');

    *value = eq ? eq + 1 : NULL;
    return eq ? xstrndup(arg, (size_t)(eq - arg)) : xstrdup(arg);
}

/* export and readonly: mark names, assigning where a value is given. */
static int mark_names(int argc, char **argv, unsigned flag, const char *prefix)
{
    bool seen[128] = { false };
    int first = builtin_options(argc, argv, "p", seen), status = 0;

    if (first < 0)
        return builtin_error(2);
    if (first == argc) {
        var_print_flagged(flag, prefix);
        return 0;
    }
    for (int i = first; i < argc; i++) {
        const char *value;
        char *name = split_operand(argv[i], &value);

        if (!is_name(name, strlen(name))) {
            sh_error("%s: '%s': bad variable name", argv[0], name);
            status = builtin_error(1);
        } else if (var_set(name, value, flag) < 0) {
            status = builtin_error(2);
        }
        free(name);
    }
    return status;
}

int bi_export(int argc, char **argv)
{
    return mark_names(argc, argv, V_EXPORT, "export");
}

int bi_readonly(int argc, char **argv)
{
    return mark_names(argc, argv, V_READONLY, "readonly");
}

int bi_local(int argc, char **argv)
{
    int status = 0;

    if (sh.func_depth == 0) {
        sh_error("local: not in a function");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        const char *value;
        char *name = split_operand(argv[i], &value);

        if (!is_name(name, strlen(name))) {
            sh_error("local: '%s': bad variable name", name);
            status = 1;
        } else {
            var_make_local(name);
            if (value && var_set(name, value, 0) < 0)
                status = 1;
        }
        free(name);
    }
    return status;
}

int bi_unset(int argc, char **argv)
{
    bool seen[128] = { false };
    int first = builtin_options(argc, argv, "fv", seen), status = 0;

    if (first < 0)
        return builtin_error(2);
    for (int i = first; i < argc; i++) {
        if (seen['f'])
            func_unset(argv[i]);
        else if (!is_name(argv[i], strlen(argv[i]))) {
            sh_error("unset: '%s': bad variable name", argv[i]);
            status = builtin_error(1);
        } else if (var_unset(argv[i]) < 0)
            status = builtin_error(2);
    }
    return status;
}

int bi_shift(int argc, char **argv)
{
    long n = 1;
    char *end;

    if (argc > 1) {
        n = strtol(argv[1], &end, 10);
        if (!*argv[1] || *end || n < 0) {
            sh_error("shift: %s: bad number", argv[1]);
            return builtin_error(2);
        }
    }
    if (n > posparams.count) {
        sh_error("shift: can't shift that many");
        return builtin_error(2);
    }
    if (n == 0)
        return 0;
    for (int i = 0; i < n; i++)
        free(posparams.values[i]);
    memmove(posparams.values, posparams.values + n,
            sizeof(char *) * (size_t)(posparams.count - n + 1));
    posparams.count -= (int)n;
    return 0;
}
