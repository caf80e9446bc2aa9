/*
 * find's expression parser, by recursive descent over the words:
 *
 *   expr  := and { ("-o" | "-or") and }
 *   and   := unary { ["-a" | "-and"] unary }
 *   unary := ("!" | "-not") unary | "(" expr ")" | primary [argument]
 *
 * -exec takes the words up to ";" (or "{}" "+"). With no action in the
 * expression, it becomes "( expr ) -print".
 */
#include <string.h>

#include "cmd.h"
#include "file_alloc.h"
#include "find.h"

struct parser {
    struct find_ctx *ctx;
    char **words;
    int count, pos;
    bool has_action;
};

static struct find_node *parse_or(struct parser *ps);

static _Noreturn void syntax_error(const char *message, const char *word)
{
    if (word)
        cmd_diex(2, "%s '%s'", message, word);
    cmd_diex(2, "%s", message);
}

static struct find_node *new_node(enum node_kind kind, struct find_node *left,
                                  struct find_node *right)
{
    struct find_node *node = xmalloc(sizeof *node);

    memset(node, 0, sizeof *node);
    node->kind = kind;
    node->left = left;
    node->right = right;
    return node;
}

static const char *peek(const struct parser *ps)
{
    return ps->pos < ps->count ? ps->words[ps->pos] : NULL;
}

static bool word_is(const char *word, const char *a, const char *b)
{
    return word && (strcmp(word, a) == 0 || (b && strcmp(word, b) == 0));
}

/* -exec's command words up to ";" or "{} +". */
static struct find_exec *parse_exec(struct parser *ps)
{
    struct find_exec *exec = xmalloc(sizeof *exec);
    int start = ps->pos;

    memset(exec, 0, sizeof *exec);
    for (; ps->pos < ps->count; ps->pos++) {
        const char *word = ps->words[ps->pos];
        bool plus =
            strcmp(word, "+") == 0 && ps->pos > start && strcmp(ps->words[ps->pos - 1], "{}") == 0;
        if (strcmp(word, ";") == 0 || plus) {
            exec->batch = plus;
            exec->argc = ps->pos - start - plus; /* "+" form: "{}" is not kept */
            break;
        }
    }
    if (ps->pos >= ps->count)
        syntax_error("-exec: missing ';' or '+'", NULL);
    if (exec->argc == 0)
        syntax_error("-exec: missing command", NULL);
    exec->argv = xreallocarray(NULL, (size_t)exec->argc + 1, sizeof *exec->argv);
    for (int i = 0; i < exec->argc; i++)
        exec->argv[i] = ps->words[start + i];
    exec->argv[exec->argc] = NULL;
    ps->pos++; /* the ";" or "+" */
    if (exec->batch) {
        exec->next = ps->ctx->execs;
        ps->ctx->execs = exec;
    }
    return exec;
}

static struct find_node *parse_primary(struct parser *ps)
{
    const char *name = ps->words[ps->pos++];
    const struct primary_def *def = primary_lookup(name);
    struct find_node *node;

    if (!def && name[0] != '-')
        syntax_error("paths must come before the expression:", name);
    if (!def)
        syntax_error("unknown primary", name);
    node = new_node(NODE_PRIMARY, NULL, NULL);
    node->eval = def->eval;
    ps->has_action |= def->is_action;
    if (def->eval == eval_exec) {
        node->arg.exec = parse_exec(ps);
        return node;
    }
    if (def->takes_arg && ps->pos >= ps->count)
        cmd_diex(2, "%s: missing argument", name);
    if (def->setup)
        def->setup(ps->ctx, node, name, def->takes_arg ? ps->words[ps->pos] : NULL);
    if (def->takes_arg)
        ps->pos++;
    return node;
}

static struct find_node *parse_unary(struct parser *ps)
{
    const char *word = peek(ps);

    if (!word)
        syntax_error("expression expected", NULL);
    if (word_is(word, "!", "-not")) {
        ps->pos++;
        return new_node(NODE_NOT, parse_unary(ps), NULL);
    }
    if (word_is(word, "(", NULL)) {
        ps->pos++;
        if (word_is(peek(ps), ")", NULL))
            syntax_error("empty parentheses", NULL);
        struct find_node *inner = parse_or(ps);
        if (!word_is(peek(ps), ")", NULL))
            syntax_error("missing ')'", NULL);
        ps->pos++;
        return inner;
    }
    if (word_is(word, ")", NULL) || word_is(word, "-o", "-or") || word_is(word, "-a", "-and"))
        syntax_error("expression expected before", word);
    return parse_primary(ps);
}

static struct find_node *parse_and(struct parser *ps)
{
    struct find_node *left = parse_unary(ps);

    for (;;) {
        const char *word = peek(ps);
        if (!word || word_is(word, ")", NULL) || word_is(word, "-o", "-or"))
            return left;
        if (word_is(word, "-a", "-and"))
            ps->pos++;
        left = new_node(NODE_AND, left, parse_unary(ps));
    }
}

static struct find_node *parse_or(struct parser *ps)
{
    struct find_node *left = parse_and(ps);

    while (word_is(peek(ps), "-o", "-or")) {
        ps->pos++;
        left = new_node(NODE_OR, left, parse_and(ps));
    }
    return left;
}

void parse_expression(struct find_ctx *ctx, char **words, int count)
{
    struct parser ps = { .ctx = ctx, .words = words, .count = count };
    struct find_node *print = new_node(NODE_PRIMARY, NULL, NULL);

    print->eval = eval_print;
    if (count == 0) {
        ctx->root = print;
        return;
    }
    ctx->root = parse_or(&ps);
    if (ps.pos < count)
        syntax_error("unexpected", words[ps.pos]);
    if (!ps.has_action)
        ctx->root = new_node(NODE_AND, ctx->root, print);
}
