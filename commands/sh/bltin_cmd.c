/* Builtins about commands: command type alias unalias hash */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "builtin.h"
#include "error.h"
#include "exec.h"
#include "func.h"
#include "parse.h"
#include "quote.h"
#include "search.h"
#include "show.h"
#include "var.h"

enum describe_style { DESCRIBE_SHORT, DESCRIBE_LONG };

static void print_function(const char *name, enum describe_style style)
{
    char *text;

    if (style == DESCRIBE_SHORT) {
        printf("%s\n", name);
        return;
    }
    text = show_command(func_find(name));
    printf("%s is a function\n%s\n", name, text);
    free(text);
}

/* command -v (short) or type / command -V (long); 127 if not found. */
static int describe(const char *name, enum describe_style style, const char *path_var)
{
    const struct builtin *b;
    struct alias *a;
    char *path;

    if ((a = alias_find(name))) {
        char *q = shell_quote(a->value);

        if (style == DESCRIBE_SHORT)
            printf("alias %s=%s\n", name, q);
        else
            printf("%s is an alias for %s\n", name, a->value);
        free(q);
        return 0;
    }
    if (is_keyword(name)) {
        printf(style == DESCRIBE_SHORT ? "%s\n" : "%s is a shell keyword\n", name);
        return 0;
    }
    if (func_find(name)) {
        print_function(name, style);
        return 0;
    }
    if ((b = builtin_find(name))) {
        printf(style == DESCRIBE_SHORT        ? "%s\n"
               : (b->flags & BI_SPECIAL) != 0 ? "%s is a special shell builtin\n"
                                              : "%s is a shell builtin\n",
               name);
        return 0;
    }
    if ((path = search_path(name, path_var))) {
        if (style == DESCRIBE_SHORT)
            printf("%s\n", path);
        else
            printf("%s is %s\n", name, path);
        free(path);
        return 0;
    }
    if (style == DESCRIBE_LONG)
        sh_error("%s: not found", name);
    return 127;
}

int bi_type(int argc, char **argv)
{
    int status = 0;

    for (int i = 1; i < argc; i++) {
        if (describe(argv[i], DESCRIBE_LONG, var_get("PATH")) != 0)
            status = 127;
    }
    return status;
}

/* command -p: run with the default PATH, for this command only. */
static int run_with_default_path(int argc, char **argv)
{
    int status;

    var_push_scope();
    var_make_local("PATH");
    var_set("PATH", DEFAULT_PATH, 0);
    status = exec_command_argv(argc, argv, false);
    var_pop_scope();
    return status;
}

int bi_command(int argc, char **argv)
{
    bool seen[128] = { false };
    int first = builtin_options(argc, argv, "pvV", seen), status = 0;
    const char *path_var;

    if (first < 0)
        return 2;
    if (first >= argc)
        return 0;
    path_var = seen['p'] ? DEFAULT_PATH : var_get("PATH");
    if (seen['v'] || seen['V']) {
        for (int i = first; i < argc; i++) {
            if (describe(argv[i], seen['V'] ? DESCRIBE_LONG : DESCRIBE_SHORT, path_var) != 0)
                status = seen['V'] ? 127 : 1;
        }
        return status;
    }
    if (seen['p'])
        return run_with_default_path(argc - first, argv + first);
    return exec_command_argv(argc - first, argv + first, false);
}

int bi_alias(int argc, char **argv)
{
    int status = 0;

    if (argc == 1) {
        alias_print_all();
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');

        if (eq && alias_name_valid(argv[i], (size_t)(eq - argv[i]))) {
            char *name = xstrndup(argv[i], (size_t)(eq - argv[i]));

            alias_set(name, eq + 1);
            free(name);
        } else if (eq) {
            sh_error("alias: %s: bad alias name", argv[i]);
            status = 1;
        } else if (alias_find(argv[i])) {
            alias_print(alias_find(argv[i]));
        } else {
            sh_error("alias: %s: not found", argv[i]);
            status = 1;
        }
    }
    return status;
}

int bi_unalias(int argc, char **argv)
{
    bool seen[128] = { false };
    int first = builtin_options(argc, argv, "a", seen), status = 0;

    if (first < 0)
        return 2;
    if (seen['a']) {
        alias_remove_all();
        return 0;
    }
    for (int i = first; i < argc; i++) {
        if (alias_remove(argv[i]) < 0) {
            sh_error("unalias: %s: not found", argv[i]);
            status = 1;
        }
    }
    return status;
}

/* Commands are not remembered, so hash only checks that they exist. */
int bi_hash(int argc, char **argv)
{
    bool seen[128] = { false };
    int first = builtin_options(argc, argv, "r", seen), status = 0;

    if (first < 0)
        return 2;
    for (int i = first; i < argc; i++) {
        char *path;

        if (builtin_find(argv[i]) || func_find(argv[i]))
            continue;
        path = search_path(argv[i], var_get("PATH"));
        if (!path) {
            sh_error("hash: %s: not found", argv[i]);
            status = 1;
        }
        free(path);
    }
    return status;
}
