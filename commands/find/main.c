/*
 * find: walk file trees and evaluate an expression for each file.
 *
 *   find [-H|-L] [path...] [expression]
 *
 * Paths are the words before the first one that starts the expression
 * (one starting with '-', or "(" or "!"); without paths, ".". Files are
 * visited in name order, directories before their contents unless -depth.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "find.h"

static bool eval_node(const struct find_node *node, const struct walk_entry *entry,
                      struct find_ctx *ctx)
{
    switch (node->kind) {
    case NODE_AND:
        return eval_node(node->left, entry, ctx) && eval_node(node->right, entry, ctx);
    case NODE_OR:
        return eval_node(node->left, entry, ctx) || eval_node(node->right, entry, ctx);
    case NODE_NOT:
        return !eval_node(node->left, entry, ctx);
    case NODE_PRIMARY:
        return node->eval(node, entry, ctx);
    }
    return false;
}

static void report_error(struct find_ctx *ctx, const struct walk_entry *entry)
{
    if (entry->err == ELOOP && entry->has_stat)
        cmd_warnx("'%s': file system loop detected", entry->path);
    else {
        errno = entry->err;
        cmd_warn("'%s'", entry->path);
    }
    ctx->status = 1;
}

static enum walk_reply visit(const struct walk_entry *entry, void *opaque)
{
    struct find_ctx *ctx = opaque;
    bool in_range = entry->depth >= ctx->mindepth;
    bool at_limit = ctx->maxdepth >= 0 && entry->depth >= ctx->maxdepth;

    switch (entry->event) {
    case WALK_ERROR:
        report_error(ctx, entry);
        return WALK_CONTINUE;
    case WALK_FILE:
        if (in_range)
            eval_node(ctx->root, entry, ctx);
        return WALK_CONTINUE;
    case WALK_DIR_PRE:
        ctx->prune = false;
        /* With -depth, a directory that will not be entered is evaluated now. */
        if (in_range && (!ctx->depth_first || at_limit))
            eval_node(ctx->root, entry, ctx);
        return (ctx->prune && !ctx->depth_first) || at_limit ? WALK_SKIP : WALK_CONTINUE;
    case WALK_DIR_POST:
        if (in_range && ctx->depth_first)
            eval_node(ctx->root, entry, ctx);
        return WALK_CONTINUE;
    }
    return WALK_CONTINUE;
}

/* True when word starts the expression rather than being a path. */
static bool starts_expression(const char *word)
{
    return (word[0] == '-' && word[1] != '\0') || strcmp(word, "(") == 0 || strcmp(word, "!") == 0;
}

/* -H and -L before the paths; return the index of the first path. */
static int parse_options(struct find_ctx *ctx, int argc, char **argv)
{
    int i = 1;

    for (; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return i + 1;
        if (strcmp(argv[i], "-H") == 0)
            ctx->walk_flags = (ctx->walk_flags & ~WALK_FOLLOW) | WALK_FOLLOW_ROOT;
        else if (strcmp(argv[i], "-L") == 0)
            ctx->walk_flags = (ctx->walk_flags & ~WALK_FOLLOW_ROOT) | WALK_FOLLOW;
        else
            return i;
    }
    return i;
}

int main(int argc, char **argv)
{
    struct find_ctx ctx = { .walk_flags = WALK_SORTED, .maxdepth = -1 };
    static char *dot[] = { ".", NULL };
    int first, paths_end;

    cmd_setname(argv[0]);
    ctx.now = time(NULL);
    first = parse_options(&ctx, argc, argv);
    for (paths_end = first; paths_end < argc && !starts_expression(argv[paths_end]); paths_end++)
        ;
    parse_expression(&ctx, argv + paths_end, argc - paths_end);

    char **paths = paths_end > first ? argv + first : dot;
    int npaths = paths_end > first ? paths_end - first : 1;
    for (int i = 0; i < npaths; i++) {
        if (paths[i][0] == '\0') {
            cmd_warnx("'': No such file or directory");
            ctx.status = 1;
            continue;
        }
        walk_tree(paths[i], ctx.walk_flags, visit, &ctx);
    }
    exec_flush_all(&ctx);
    if (fflush(stdout) != 0)
        cmd_die(1, "write error");
    return ctx.status;
}
