/*
 * Simple commands (POSIX 2.9.1): expand the words, find the command
 * (special builtin, function, builtin, or a program in PATH), then do the
 * redirections and assignments the way each kind needs them: permanent
 * for special builtins, for the duration of the command for functions
 * and other builtins, in the child for programs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "error.h"
#include "exec.h"
#include "expand.h"
#include "func.h"
#include "jobs.h"
#include "options.h"
#include "quote.h"
#include "redir.h"
#include "search.h"
#include "sh.h"
#include "show.h"
#include "var.h"

struct command {
    struct node *node;
    struct fields args;
    char **values; /* expanded values of the assignments */
    int nvalues;
};

static void command_free(struct command *c)
{
    for (int i = 0; i < c->nvalues; i++)
        free(c->values[i]);
    free(c->values);
    fields_free(&c->args);
}

static int expand_assignments(struct command *c)
{
    int n = 0;

    for (struct assign *a = c->node->simple.assigns; a; a = a->next)
        n++;
    c->values = xcalloc((size_t)n + 1, sizeof *c->values);
    for (struct assign *a = c->node->simple.assigns; a; a = a->next) {
        char *value = expand_string(a->value, EXP_TILDE | EXP_ASSIGN);

        if (!value)
            return -1;
        c->values[c->nvalues++] = value;
    }
    return 0;
}

/* x=1 y=$x: without a command, each assignment sees the ones before it. */
static int expand_and_assign(struct command *c)
{
    int n = 0;

    for (struct assign *a = c->node->simple.assigns; a; a = a->next)
        n++;
    c->values = xcalloc((size_t)n + 1, sizeof *c->values);
    for (struct assign *a = c->node->simple.assigns; a; a = a->next) {
        char *value = expand_string(a->value, EXP_TILDE | EXP_ASSIGN);

        if (!value)
            return -1;
        c->values[c->nvalues++] = value;
        if (var_set(a->name, value, 0) < 0)
            return sh_fail(2), -1;
    }
    return 0;
}

/* Assign the values; scoped: only for the duration of the command. */
static int assign_all(struct command *c, unsigned flags, bool scoped)
{
    int i = 0;

    for (struct assign *a = c->node->simple.assigns; a; a = a->next, i++) {
        if (scoped)
            var_make_local(a->name);
        if (var_set(a->name, c->values[i], flags) < 0)
            return -1;
    }
    return 0;
}

void exec_xtrace(struct assign *assigns, char **values, char **argv)
{
    struct strbuf line;
    char *ps4 = expand_prompt("PS4");
    const char *sep = "";
    int i = 0;

    sb_init(&line);
    sb_adds(&line, ps4);
    free(ps4);
    for (struct assign *a = assigns; a; a = a->next, i++) {
        char *q = shell_quote(values[i]);

        sb_addf(&line, "%s%s=%s", sep, a->name, q);
        free(q);
        sep = " ";
    }
    for (; argv && *argv; argv++) {
        char *q = shell_quote(*argv);

        sb_addf(&line, "%s%s", sep, q);
        free(q);
        sep = " ";
    }
    sb_addc(&line, '\n');
    fflush(stdout);
    write(2, line.buf, line.len);
    sb_free(&line);
}

static void trace(struct command *c)
{
    if (opt.xtrace)
        exec_xtrace(c->node->simple.assigns, c->values, c->args.v);
}

/* x=1 y=2 (no command): assignments stay; redirections happen and end. */
static int run_assignments_only(struct command *c)
{
    struct redir_undo *undo = NULL;

    if (expand_and_assign(c) < 0)
        return sh.status ? sh.status : 2;
    if (redir_apply(c->node->redirs, &undo) < 0)
        return 2;
    trace(c);
    redir_restore(undo);
    return cmdsub_happened ? cmdsub_last_status : 0;
}

static int run_builtin(struct command *c, const struct builtin *b, bool special)
{
    struct redir_undo *undo = NULL;
    bool scoped = !special && c->nvalues > 0;
    int status;

    if (redir_apply(c->node->redirs, (b->flags & BI_EXEC) ? NULL : &undo) < 0)
        return special ? sh_fail(2) : 2;
    if (scoped)
        var_push_scope();
    if (assign_all(c, scoped || (b->flags & BI_EXEC) ? V_EXPORT : 0, scoped) < 0) {
        status = sh_fail(2);
    } else {
        trace(c);
        status = builtin_run(b, c->args.n, c->args.v, special);
    }
    if (scoped)
        var_pop_scope();
    redir_restore(undo);
    return status;
}

static int run_function(struct command *c, struct node *func, int flags)
{
    struct redir_undo *undo = NULL;
    int status;

    if (redir_apply(c->node->redirs, &undo) < 0)
        return 2;
    var_push_scope();
    if (assign_all(c, V_EXPORT, true) < 0) {
        status = sh_fail(2);
    } else {
        trace(c);
        status = exec_function(func, c->args.n, c->args.v, flags);
    }
    var_pop_scope();
    redir_restore(undo);
    return status;
}

/* In the child (or instead of the shell): set up and start the program. */
static _Noreturn void become_program(struct command *c)
{
    char **env;

    if (redir_apply(c->node->redirs, NULL) < 0)
        _exit(2);
    if (assign_all(c, V_EXPORT, false) < 0)
        _exit(2);
    env = var_environ();
    exec_program(c->args.v, env, var_get("PATH"));
}

static int run_program(struct command *c, int flags)
{
    struct job *job;
    char *text;

    trace(c);
    if (exec_can_replace(flags))
        become_program(c);
    text = opt.monitor ? show_command(c->node) : NULL;
    job = job_new(text);
    free(text);
    if (job_fork(job, true) == 0)
        become_program(c);
    return job_wait_foreground(job);
}

static int dispatch(struct command *c, int flags)
{
    const char *name = c->args.v[0];
    bool has_slash = strchr(name, '/') != NULL;
    const struct builtin *b = has_slash ? NULL : builtin_find(name);
    struct node *func;

    if (b && (b->flags & BI_SPECIAL))
        return run_builtin(c, b, true);
    if (!has_slash && (func = func_find(name)))
        return run_function(c, func, flags);
    if (b)
        return run_builtin(c, b, false);
    return run_program(c, flags);
}

int exec_simple(struct node *n, int flags)
{
    struct command c = { .node = n };
    int status;

    sh.lineno = n->line;
    cmdsub_happened = false;
    fields_init(&c.args);
    if (expand_words(n->simple.args, &c.args) < 0)
        status = sh.status ? sh.status : 2;
    else if (c.args.n == 0)
        status = run_assignments_only(&c);
    else if (expand_assignments(&c) < 0)
        status = sh.status ? sh.status : 2;
    else
        status = dispatch(&c, flags);
    command_free(&c);
    return status;
}

int exec_command_argv(int argc, char **argv, bool use_functions)
{
    const struct builtin *b = strchr(argv[0], '/') ? NULL : builtin_find(argv[0]);
    struct node *func = use_functions && !strchr(argv[0], '/') ? func_find(argv[0]) : NULL;
    struct job *job;
    char **env;

    if (func)
        return exec_function(func, argc, argv, 0);
    if (b)
        return builtin_run(b, argc, argv, false);
    job = job_new(argv[0]);
    if (job_fork(job, true) == 0) {
        env = var_environ();
        exec_program(argv, env, var_get("PATH"));
    }
    return job_wait_foreground(job);
}
