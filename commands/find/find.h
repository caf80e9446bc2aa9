/*
 * find: the expression tree and what the parts of find share. parse.c
 * builds the tree from the command line, primaries.c evaluates its
 * leaves, exec.c runs -exec commands, main.c walks the trees.
 */
#ifndef FIND_H
#define FIND_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "file_walk.h"

struct find_ctx;
struct find_node;

typedef bool (*primary_fn)(const struct find_node *node, const struct walk_entry *entry,
                           struct find_ctx *ctx);

enum node_kind {
    NODE_AND,
    NODE_OR,
    NODE_NOT,
    NODE_PRIMARY,
};

/* A number compared as "+n" (more than), "-n" (less than) or "n" (exactly). */
struct find_number {
    char cmp; /* '+', '-' or '=' */
    intmax_t value;
    intmax_t unit; /* -size: bytes per unit; -mtime etc.: seconds per unit */
    char field;    /* -atime etc.: 'a', 'm' or 'c' */
};

/* One -exec: the command with its "{}" arguments, and for "+" the batch. */
struct find_exec {
    char **argv; /* the command as written, NULL-terminated */
    int argc;
    bool batch;   /* ended by "+": many paths per command */
    char **paths; /* the batch not yet run */
    size_t count, cap, bytes;
    struct find_exec *next;
};

struct find_node {
    enum node_kind kind;
    struct find_node *left, *right; /* AND, OR: both; NOT: left */
    primary_fn eval;
    union {
        const char *pattern; /* -name, -iname, -path */
        char type;           /* -type */
        struct find_number number;
        struct timespec newer;
        struct {
            mode_t mode;
            char match; /* '=' exact, '-' all of these, '/' any of these */
        } perm;
        uid_t uid;
        gid_t gid;
        struct find_exec *exec;
    } arg;
};

struct find_ctx {
    struct find_node *root;
    int walk_flags;   /* WALK_FOLLOW etc. */
    bool depth_first; /* -depth: directories after their contents */
    int mindepth, maxdepth;
    time_t now;
    bool prune;              /* set by -prune for the current entry */
    struct find_exec *execs; /* every -exec ... + */
    int status;
};

/* parse.c: build ctx->root from the expression words; exits 2 on errors. */
void parse_expression(struct find_ctx *ctx, char **words, int count);

/* primaries.c: what find knows about each primary. */
struct primary_def {
    const char *name;
    primary_fn eval;
    bool takes_arg; /* one argument word follows (-exec takes its own) */
    bool is_action; /* prints or runs something: no -print is added */
    /* Check and store the argument; exits 2 when it is bad. */
    void (*setup)(struct find_ctx *ctx, struct find_node *node, const char *name, const char *arg);
};

/* The primary called name, or NULL. */
const struct primary_def *primary_lookup(const char *name);
bool eval_print(const struct find_node *node, const struct walk_entry *entry, struct find_ctx *ctx);
bool eval_exec(const struct find_node *node, const struct walk_entry *entry, struct find_ctx *ctx);

/* exec.c */
bool exec_now(struct find_exec *exec, const char *path);
void exec_add(struct find_ctx *ctx, struct find_exec *exec, const char *path);
void exec_flush_all(struct find_ctx *ctx);

#endif
