/*
 * The evaluator for lists and compound commands, functions, and the
 * read-parse-run loop. Simple commands are in simple.c, pipelines,
 * subshells and background jobs in pipeline.c.
 *
 * Lists are right-leaning (a; (b; c)), so exec_node walks them in a loop;
 * only the last element of a list may get EV_EXIT. After each command the
 * loop checks sh.unwind: break, continue, return and aborts travel up by
 * returning until the loop, function or top level that handles them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "exec.h"
#include "expand.h"
#include "func.h"
#include "jobs.h"
#include "options.h"
#include "parse.h"
#include "pattern.h"
#include "redir.h"
#include "sh.h"
#include "trap.h"
#include "var.h"

bool exec_can_replace(int flags)
{
    return (flags & EV_EXIT) && !trap_any_set();
}

/* After a loop body: true if the loop must stop (break, return, abort). */
static bool loop_stops(void)
{
    switch (sh.unwind) {
    case UNWIND_BREAK:
        if (--sh.unwind_count <= 0)
            sh.unwind = UNWIND_NONE;
        return true;
    case UNWIND_CONTINUE:
        if (--sh.unwind_count > 0)
            return true;
        sh.unwind = UNWIND_NONE;
        return false;
    case UNWIND_NONE:
        return false;
    default:
        return true;
    }
}

static int exec_loop(struct node *n, int flags)
{
    int status = 0;

    sh.loop_depth++;
    for (;;) {
        int cond = exec_node(n->loop.cond, EV_TESTED);

        if (sh.unwind != UNWIND_NONE) {
            if (loop_stops())
                break;
            continue;
        }
        if ((cond == 0) != (n->kind == N_WHILE))
            break;
        status = exec_node(n->loop.body, flags & EV_TESTED);
        if (loop_stops())
            break;
    }
    sh.loop_depth--;
    return status;
}

static int exec_for(struct node *n, int flags)
{
    struct fields items;
    int status = 0;

    fields_init(&items);
    if (!n->for_.has_in) {
        for (int i = 0; i < posparams.count; i++)
            fields_add(&items, xstrdup(posparams.values[i]));
    } else if (expand_words(n->for_.words, &items) < 0) {
        fields_free(&items);
        return sh.status;
    }
    sh.loop_depth++;
    for (int i = 0; i < items.n; i++) {
        if (var_set(n->for_.var, items.v[i], 0) < 0) {
            status = sh_fail(1);
            break;
        }
        status = exec_node(n->for_.body, flags & EV_TESTED);
        if (loop_stops())
            break;
    }
    sh.loop_depth--;
    fields_free(&items);
    return status;
}

/* Does any pattern of the case item match? -1 after an expansion error. */
static int case_item_matches(struct case_item *item, const char *subject)
{
    for (struct word *w = item->patterns; w; w = w->next) {
        char *pattern = expand_pattern(w);
        bool match;

        if (!pattern)
            return -1;
        match = pattern_match(pattern, subject);
        free(pattern);
        if (match)
            return 1;
    }
    return 0;
}

static int exec_case(struct node *n, int flags)
{
    char *subject = expand_string(n->case_.subject, EXP_TILDE);
    struct case_item *item;
    int status = 0, m = 0;

    if (!subject)
        return sh.status;
    for (item = n->case_.items; item; item = item->next) {
        if ((m = case_item_matches(item, subject)) != 0)
            break;
    }
    free(subject);
    if (m < 0)
        return sh.status;
    for (; item; item = item->next) {
        status = item->body ? exec_node(item->body, flags) : 0;
        if (!item->fallthrough || sh.unwind != UNWIND_NONE)
            break;
    }
    return status;
}

static int exec_if(struct node *n, int flags)
{
    int cond = exec_node(n->if_.cond, EV_TESTED);

    if (sh.unwind != UNWIND_NONE)
        return cond;
    if (cond == 0)
        return exec_node(n->if_.then_part, flags);
    if (n->if_.else_part)
        return exec_node(n->if_.else_part, flags);
    return 0;
}

static int exec_group(struct node *n, int flags)
{
    struct redir_undo *undo = NULL;
    int status;

    if (redir_apply(n->redirs, &undo) < 0)
        return 2;
    status = exec_node(n->sub.body, flags);
    redir_restore(undo);
    return status;
}

/* The and-or list operators: the left side is always tested. */
static int exec_andor(struct node *n, int flags)
{
    int status = exec_node(n->bin.left, (flags & ~EV_EXIT) | EV_TESTED);

    if (sh.unwind != UNWIND_NONE)
        return status;
    if ((status == 0) == (n->kind == N_AND))
        return exec_node(n->bin.right, flags);
    return status;
}

/* Compound commands with redirections run them around the whole command. */
static int exec_compound(struct node *n, int flags)
{
    switch (n->kind) {
    case N_WHILE:
    case N_UNTIL:
        return exec_loop(n, flags);
    case N_FOR:
        return exec_for(n, flags);
    case N_CASE:
        return exec_case(n, flags);
    case N_IF:
        return exec_if(n, flags);
    default:
        return exec_node(n->sub.body, flags);
    }
}

static int exec_redirected(struct node *n, int flags)
{
    struct redir_undo *undo = NULL;
    int status;

    if (!n->redirs || n->kind == N_GROUP)
        return n->kind == N_GROUP ? exec_group(n, flags) : exec_compound(n, flags);
    if (redir_apply(n->redirs, &undo) < 0)
        return 2;
    status = exec_compound(n, flags & ~EV_EXIT);
    redir_restore(undo);
    return status;
}

static int exec_one(struct node *n, int flags)
{
    switch (n->kind) {
    case N_SIMPLE:
        return exec_simple(n, flags);
    case N_PIPE:
        return exec_pipeline(n, flags);
    case N_AND:
    case N_OR:
        return exec_andor(n, flags);
    case N_BG:
        return exec_background(n);
    case N_SUBSHELL:
        return exec_subshell(n, flags);
    case N_FUNCDEF:
        func_define(n);
        return 0;
    default:
        return exec_redirected(n, flags);
    }
}

/* set -e: which commands' failures end the shell. */
static bool errexit_applies(struct node *n, int flags)
{
    if (!opt.errexit || (flags & EV_TESTED) || sh.unwind != UNWIND_NONE)
        return false;
    return n->kind == N_SIMPLE || n->kind == N_SUBSHELL || (n->kind == N_PIPE && !n->pipe.bang);
}

int exec_node(struct node *n, int flags)
{
    int status = 0;

    while (n && n->kind == N_SEQ) {
        exec_node(n->bin.left, flags & ~EV_EXIT);
        if (sh.unwind != UNWIND_NONE)
            return sh.status;
        n = n->bin.right;
    }
    if (!n)
        return sh.status = 0;
    status = exec_one(n, flags);
    if (sh.unwind == UNWIND_ABORT)
        return sh.status; /* the status of the error or ^C */
    sh.status = status;
    if (status != 0 && errexit_applies(n, flags))
        sh_exit(status);
    trap_run_pending();
    trap_check_interrupt();
    return sh.status;
}

int exec_function(struct node *func, int argc, char **argv, int flags)
{
    struct posparams saved;
    int status, saved_loops = sh.loop_depth;

    if (sh.func_depth >= MAX_FUNC_DEPTH) {
        sh_error("%s: function nesting too deep", argv[0]);
        return sh_fail(2);
    }
    arena_ref(func->func.arena);
    saved = params_save();
    params_set(argc - 1, argv + 1);
    var_push_scope();
    sh.func_depth++;
    sh.loop_depth = 0;
    status = exec_node(func->func.body, flags & EV_TESTED);
    if (sh.unwind == UNWIND_RETURN) {
        sh.unwind = UNWIND_NONE;
        status = sh.status;
    }
    sh.loop_depth = saved_loops;
    sh.func_depth--;
    var_pop_scope();
    params_restore(saved);
    arena_unref(func->func.arena);
    return sh.status = status;
}

_Noreturn void exec_child_exit(int status)
{
    sh_exit(status);
}

/* One parsed command line of the main loop. */
static void run_parsed(struct input *in, struct node *n, int *last)
{
    input_sync(in);
    if (n && (!opt.noexec || sh.interactive))
        *last = exec_node(n, 0);
    if (sh.unwind == UNWIND_ABORT && sh.eval_depth == 0)
        sh.unwind = UNWIND_NONE;
}

static void handle_parse_error(struct parser *p, struct input *in)
{
    if (in->interrupted) {
        in->interrupted = false;
        p->have_tok = false;
        sh.status = 130;
        return;
    }
    if (sh.eval_depth > 0 || !sh.interactive || sh.subshell) {
        sh_fail(2);
        return;
    }
    sh.status = 2;
    input_discard_line(in);
}

int exec_input(struct input *in)
{
    struct parser p;
    bool top = in->prompt != PROMPT_NONE;
    int last = 0;

    parser_init(&p, in);
    for (;;) {
        struct arena *arena = arena_new();
        struct node *n;
        enum parse_status r;

        if (top)
            jobs_notify();
        input_set_prompt(in, PROMPT_PS1);
        r = parse_command_line(&p, arena, &n);
        if (r == PARSE_OK)
            run_parsed(in, n, &last);
        arena_unref(arena);
        if (r == PARSE_ERROR || (r == PARSE_EOF && in->interrupted)) {
            handle_parse_error(&p, in);
            last = sh.status;
        } else if (r == PARSE_EOF && top && opt.ignoreeof) {
            sh_error("use \"exit\" to leave the shell");
            p.have_tok = false;
        } else if (r == PARSE_EOF) {
            break;
        }
        if (sh.unwind != UNWIND_NONE)
            break;
    }
    return sh.unwind == UNWIND_NONE ? last : sh.status;
}

int exec_string(const char *text, int line)
{
    struct input in;
    int status;

    if (sh.eval_depth >= MAX_EVAL_DEPTH) {
        sh_error("eval: nesting too deep");
        return sh_fail(2);
    }
    sh.eval_depth++;
    input_init_string(&in, text, line);
    in.prompt = PROMPT_NONE;
    status = exec_input(&in);
    input_free(&in);
    sh.eval_depth--;
    return status;
}
