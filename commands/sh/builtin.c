/* The builtin table (name -> function, one line each) and shared helpers. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "builtin.h"
#include "error.h"

static const struct builtin builtins[] = {
    { ".", bi_dot, BI_SPECIAL },
    { ":", bi_colon, BI_SPECIAL },
    { "[", bi_bracket, 0 },
    { "alias", bi_alias, 0 },
    { "bg", bi_bg, 0 },
    { "break", bi_break, BI_SPECIAL },
    { "cd", bi_cd, 0 },
    { "command", bi_command, 0 },
    { "continue", bi_continue, BI_SPECIAL },
    { "echo", bi_echo, 0 },
    { "eval", bi_eval, BI_SPECIAL },
    { "exec", bi_exec, BI_SPECIAL | BI_EXEC },
    { "exit", bi_exit, BI_SPECIAL },
    { "export", bi_export, BI_SPECIAL },
    { "false", bi_false, 0 },
    { "fg", bi_fg, 0 },
    { "getopts", bi_getopts, 0 },
    { "hash", bi_hash, 0 },
    { "history", bi_history, 0 },
    { "jobs", bi_jobs, 0 },
    { "kill", bi_kill, 0 },
    { "local", bi_local, 0 },
    { "printf", bi_printf, 0 },
    { "pwd", bi_pwd, 0 },
    { "read", bi_read, 0 },
    { "readonly", bi_readonly, BI_SPECIAL },
    { "return", bi_return, BI_SPECIAL },
    { "set", bi_set, BI_SPECIAL },
    { "shift", bi_shift, BI_SPECIAL },
    { "test", bi_test, 0 },
    { "times", bi_times, BI_SPECIAL },
    { "trap", bi_trap, BI_SPECIAL },
    { "true", bi_colon, 0 },
    { "type", bi_type, 0 },
    { "umask", bi_umask, 0 },
    { "unalias", bi_unalias, 0 },
    { "unset", bi_unset, BI_SPECIAL },
    { "wait", bi_wait, 0 },
};

static bool running_special;

const struct builtin *builtin_find(const char *name)
{
    size_t lo = 0, hi = sizeof builtins / sizeof builtins[0];

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int cmp = strcmp(name, builtins[mid].name);

        if (cmp == 0)
            return &builtins[mid];
        if (cmp < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *builtin_name(int i)
{
    return i >= 0 && (size_t)i < sizeof builtins / sizeof builtins[0] ? builtins[i].name : NULL;
}

int builtin_run(const struct builtin *b, int argc, char **argv, bool special)
{
    bool saved = running_special;
    int status;

    running_special = special && (b->flags & BI_SPECIAL);
    status = b->fn(argc, argv);
    running_special = saved;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno != EPIPE || status == 0)
            sh_error("%s: write error: %s", argv[0], strerror(errno));
        clearerr(stdout);
        status = status ? status : 1;
    }
    return status;
}

int builtin_error(int status)
{
    if (running_special)
        return sh_fail(status);
    return status;
}

int builtin_options(int argc, char **argv, const char *allowed, bool seen[128])
{
    int i;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];

        if (arg[0] != '-' || !arg[1])
            break;
        if (strcmp(arg, "--") == 0)
            return i + 1;
        for (const char *c = arg + 1; *c; c++) {
            if ((unsigned char)*c >= 128 || !strchr(allowed, *c)) {
                sh_error("%s: -%c: invalid option", argv[0], *c);
                return -1;
            }
            seen[(unsigned char)*c] = true;
        }
    }
    return i;
}
