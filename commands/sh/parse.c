/*
 * Recursive descent over the POSIX grammar: lists, and-or lists,
 * pipelines, simple commands and redirections here; the compound commands
 * (if, while, for, case, groups, functions) in parse_compound.c.
 *
 * Reserved words are recognized only where a command may start, and only
 * as an unquoted literal word; aliases are expanded at the same places,
 * after the check for reserved words. Lists are built right-leaning
 * (a; (b; c)) without recursion, so that the evaluator can walk long
 * scripts in a loop.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "error.h"
#include "parse.h"
#include "sh.h"

static const char *const keywords[] = {
    "!",    "{",  "}",   "case", "do",   "done",  "elif",  "else",
    "esac", "fi", "for", "if",   "then", "until", "while", "in",
};

bool is_keyword(const char *s)
{
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        if (strcmp(keywords[i], s) == 0)
            return true;
    }
    return false;
}

bool is_name(const char *s, size_t len)
{
    if (len == 0 || !(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return false;
    for (size_t i = 1; i < len; i++) {
        char c = s[i];

        if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

const char *word_plain(const struct word *w)
{
    if (!w || !w->parts || w->parts->next || w->parts->kind != PART_LIT || w->parts->quoted)
        return NULL;
    return w->parts->lit.text;
}

void parser_init(struct parser *p, struct input *in)
{
    memset(p, 0, sizeof *p);
    p->in = in;
}

void parse_error(struct parser *p, int line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    if (p->failed)
        return;
    p->failed = true;
    if (p->in->interrupted)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sh_error_at(line, "%s", msg);
}

struct token *parse_peek(struct parser *p)
{
    if (!p->have_tok) {
        lex_token(p, &p->tok);
        p->have_tok = true;
        if (p->tok.kind == T_ERROR)
            p->failed = true;
    }
    return &p->tok;
}

void parse_consume(struct parser *p)
{
    p->have_tok = false;
}

bool parse_accept(struct parser *p, enum tok_kind kind)
{
    if (parse_peek(p)->kind != kind)
        return false;
    parse_consume(p);
    return true;
}

bool parse_at_keyword(struct parser *p, const char *kw)
{
    struct token *t = parse_peek(p);
    const char *s;

    if (t->kind != T_WORD || !(s = word_plain(t->word)))
        return false;
    return strcmp(s, kw) == 0;
}

void *parse_unexpected(struct parser *p, const char *expecting)
{
    struct token *t = parse_peek(p);
    char what[64];

    if (t->kind == T_ERROR || p->failed)
        return NULL;
    if (t->kind == T_EOF || t->kind == T_NEWLINE)
        snprintf(what, sizeof what, "%s", tok_describe(t));
    else
        snprintf(what, sizeof what, "'%s'", tok_describe(t));
    if (expecting)
        parse_error(p, t->line, "syntax error: unexpected %s (expecting '%s')", what, expecting);
    else
        parse_error(p, t->line, "syntax error: unexpected %s", what);
    return NULL;
}

bool parse_expect_keyword(struct parser *p, const char *kw)
{
    if (parse_at_keyword(p, kw)) {
        parse_consume(p);
        return true;
    }
    parse_unexpected(p, kw);
    return false;
}

bool parse_expect(struct parser *p, enum tok_kind kind)
{
    struct token want = { .kind = kind };

    if (parse_accept(p, kind))
        return true;
    parse_unexpected(p, tok_describe(&want));
    return false;
}

void parse_skip_newlines(struct parser *p)
{
    while (!p->failed && parse_accept(p, T_NEWLINE))
        ;
}

struct node *parse_new_node(struct parser *p, enum node_kind kind, int line)
{
    struct node *n = arena_alloc(p->arena, sizeof *n);

    n->kind = kind;
    n->line = line;
    return n;
}

/* Replace a command word that names an alias by the alias's text. */
static bool expand_alias(struct parser *p)
{
    struct token *t = parse_peek(p);
    const char *name;
    struct alias *a;
    size_t len;

    if (t->kind != T_WORD || !(name = word_plain(t->word)))
        return false;
    a = alias_find(name);
    if (!a || a->in_use)
        return false;
    parse_consume(p);
    len = strlen(a->value);
    input_push(p->in, a->value, len, a);
    p->alias_next = len > 0 && (a->value[len - 1] == ' ' || a->value[len - 1] == '\t');
    return true;
}

static bool is_redir_op(enum tok_kind k)
{
    return k >= T_LESS && k <= T_CLOBBER;
}

static enum redir_kind redir_kind_of(enum tok_kind k)
{
    switch (k) {
    case T_LESS:
        return R_IN;
    case T_GREAT:
        return R_OUT;
    case T_DGREAT:
        return R_APPEND;
    case T_CLOBBER:
        return R_CLOBBER;
    case T_LESSGREAT:
        return R_RDWR;
    case T_LESSAND:
        return R_DUPIN;
    case T_GREATAND:
        return R_DUPOUT;
    default:
        return R_HEREDOC;
    }
}

static struct redir *parse_redirect(struct parser *p)
{
    struct redir *r = arena_alloc(p->arena, sizeof *r);
    struct token *t = parse_peek(p);

    r->fd = -1;
    r->line = t->line;
    if (t->kind == T_IO_NUMBER) {
        r->fd = t->fd;
        parse_consume(p);
        t = parse_peek(p);
    }
    r->kind = redir_kind_of(t->kind);
    r->strip_tabs = t->kind == T_DLESSDASH;
    parse_consume(p);
    if (r->fd < 0)
        r->fd = (r->kind == R_IN || r->kind == R_RDWR || r->kind == R_DUPIN || r->kind == R_HEREDOC)
                    ? 0
                    : 1;
    t = parse_peek(p);
    if (t->kind != T_WORD)
        return parse_unexpected(p, NULL);
    r->target = t->word;
    parse_consume(p);
    if (r->kind == R_HEREDOC)
        lex_add_heredoc(p, r);
    return r;
}

bool parse_redirections(struct parser *p, struct redir **list)
{
    struct redir **tail = list;

    while (*tail)
        tail = &(*tail)->next;
    for (;;) {
        struct token *t = parse_peek(p);

        if (t->kind != T_IO_NUMBER && !is_redir_op(t->kind))
            return !p->failed;
        *tail = parse_redirect(p);
        if (!*tail)
            return false;
        tail = &(*tail)->next;
    }
}

/* NAME=value: split the word into the name and the value's word. */
static struct assign *as_assignment(struct parser *p, struct word *w)
{
    struct part *first = w->parts;
    const char *eq;
    struct assign *a;
    struct word *value;

    if (!first || first->kind != PART_LIT || first->quoted)
        return NULL;
    eq = memchr(first->lit.text, '=', first->lit.len);
    if (!eq || !is_name(first->lit.text, (size_t)(eq - first->lit.text)))
        return NULL;
    a = arena_alloc(p->arena, sizeof *a);
    a->name = arena_strndup(p->arena, first->lit.text, (size_t)(eq - first->lit.text));
    value = arena_alloc(p->arena, sizeof *value);
    value->line = w->line;
    value->text = w->text ? strchr(w->text, '=') + 1 : "";
    value->parts = first->next;
    if (eq + 1 < first->lit.text + first->lit.len) {
        struct part *rest = arena_alloc(p->arena, sizeof *rest);

        *rest = *first;
        rest->lit.text = eq + 1;
        rest->lit.len = first->lit.len - (size_t)(eq + 1 - first->lit.text);
        value->parts = rest;
    }
    a->value = value;
    return a;
}

static bool starts_compound(const char *kw)
{
    static const char *const starters[] = { "if", "while", "until", "for", "case", "{" };

    for (size_t i = 0; i < sizeof starters / sizeof starters[0]; i++) {
        if (strcmp(kw, starters[i]) == 0)
            return true;
    }
    return false;
}

/* export, readonly and local take name=value operands like assignments. */
static bool is_declaration(struct word *first)
{
    const char *name = word_plain(first);

    return name && (strcmp(name, "export") == 0 || strcmp(name, "readonly") == 0 ||
                    strcmp(name, "local") == 0);
}

static struct node *parse_funcdef(struct parser *p, struct word *name_word, int line)
{
    const char *name = word_plain(name_word), *kw;
    struct node *n;

    parse_consume(p); /* ( */
    if (!parse_expect(p, T_RPAREN))
        return NULL;
    if (!name || !is_name(name, strlen(name))) {
        parse_error(p, line, "syntax error: bad function name '%s'", name_word->text);
        return NULL;
    }
    parse_skip_newlines(p);
    n = parse_new_node(p, N_FUNCDEF, line);
    n->func.name = name;
    n->func.arena = p->arena;
    kw = parse_peek(p)->kind == T_WORD ? word_plain(p->tok.word) : NULL;
    if (parse_peek(p)->kind == T_LPAREN)
        n->func.body = parse_compound(p, "(");
    else if (kw && starts_compound(kw))
        n->func.body = parse_compound(p, kw);
    else
        return parse_unexpected(p, "{");
    return n->func.body ? n : NULL;
}

struct simple_tails {
    struct assign **assign;
    struct word **arg;
    struct redir **redir;
};

static struct node *parse_simple(struct parser *p)
{
    struct node *n = parse_new_node(p, N_SIMPLE, parse_peek(p)->line);
    struct simple_tails tail = { &n->simple.assigns, &n->simple.args, &n->redirs };

    for (;;) {
        struct token *t;
        struct assign *a;

        if (p->alias_next && n->simple.args) {
            p->alias_next = false;
            while (expand_alias(p))
                ;
        }
        t = parse_peek(p);
        if (t->kind == T_IO_NUMBER || is_redir_op(t->kind)) {
            if (!(*tail.redir = parse_redirect(p)))
                return NULL;
            tail.redir = &(*tail.redir)->next;
        } else if (t->kind == T_WORD && !n->simple.args && (a = as_assignment(p, t->word))) {
            parse_consume(p);
            *tail.assign = a;
            tail.assign = &a->next;
        } else if (t->kind == T_WORD) {
            struct word *w = t->word;
            bool first = !n->simple.args;

            parse_consume(p);
            if (!first && is_declaration(n->simple.args) && as_assignment(p, w))
                w->decl = true;
            *tail.arg = w;
            tail.arg = &w->next;
            if (first && !n->simple.assigns && !n->redirs && parse_peek(p)->kind == T_LPAREN)
                return parse_funcdef(p, w, n->line);
        } else {
            break;
        }
    }
    if (p->failed)
        return NULL;
    if (!n->simple.assigns && !n->simple.args && !n->redirs)
        return parse_unexpected(p, NULL);
    return n;
}

static struct node *parse_command_inner(struct parser *p)
{
    for (;;) {
        struct token *t = parse_peek(p);
        const char *kw;

        if (t->kind == T_LPAREN)
            return parse_compound(p, "(");
        if (t->kind == T_WORD && (kw = word_plain(t->word)) && is_keyword(kw) &&
            strcmp(kw, "in") != 0) {
            if (!starts_compound(kw))
                return parse_unexpected(p, NULL);
            return parse_compound(p, kw);
        }
        if (!expand_alias(p))
            return parse_simple(p);
    }
}

static struct node *parse_command(struct parser *p)
{
    struct node *n;

    if (++p->depth > MAX_PARSE_DEPTH) {
        parse_error(p, p->in->line, "syntax error: nesting too deep");
        return NULL;
    }
    n = parse_command_inner(p);
    p->depth--;
    return n;
}

struct node_vec {
    struct node **v;
    int n;
    int cap;
};

static void vec_push(struct node_vec *vec, struct node *n)
{
    if (vec->n == vec->cap) {
        vec->cap = vec->cap ? vec->cap * 2 : 8;
        vec->v = xrealloc(vec->v, sizeof *vec->v * (size_t)vec->cap);
    }
    vec->v[vec->n++] = n;
}

static struct node *parse_pipeline(struct parser *p)
{
    struct node_vec cmds = { 0 };
    struct node *n, *cmd;
    bool bang = false;
    int line = parse_peek(p)->line;

    if (parse_at_keyword(p, "!")) {
        parse_consume(p);
        bang = true;
    }
    while ((cmd = parse_command(p))) {
        vec_push(&cmds, cmd);
        if (!parse_accept(p, T_PIPE))
            break;
        parse_skip_newlines(p);
    }
    if (!cmd || (cmds.n == 1 && !bang)) {
        free(cmds.v);
        return cmd;
    }
    n = parse_new_node(p, N_PIPE, line);
    n->pipe.bang = bang;
    n->pipe.ncmds = cmds.n;
    n->pipe.cmds = arena_alloc(p->arena, sizeof *n->pipe.cmds * (size_t)cmds.n);
    memcpy(n->pipe.cmds, cmds.v, sizeof *cmds.v * (size_t)cmds.n);
    free(cmds.v);
    return n;
}

static struct node *parse_and_or(struct parser *p)
{
    struct node *left = parse_pipeline(p);

    while (left) {
        enum node_kind kind;
        struct node *n;

        if (parse_accept(p, T_ANDIF))
            kind = N_AND;
        else if (parse_accept(p, T_ORIF))
            kind = N_OR;
        else
            break;
        parse_skip_newlines(p);
        n = parse_new_node(p, kind, left->line);
        n->bin.left = left;
        n->bin.right = parse_pipeline(p);
        left = n->bin.right ? n : NULL;
    }
    return left;
}

/* a; b; c as SEQ(a, SEQ(b, c)). */
static struct node *build_sequence(struct parser *p, struct node_vec *items)
{
    struct node *n = items->v[items->n - 1];

    for (int i = items->n - 2; i >= 0; i--) {
        struct node *seq = parse_new_node(p, N_SEQ, items->v[i]->line);

        seq->bin.left = items->v[i];
        seq->bin.right = n;
        n = seq;
    }
    return n;
}

/* An and-or list and its separator; false when the list ends here. */
static bool parse_list_item(struct parser *p, struct node_vec *items, bool *ok)
{
    struct node *n = parse_and_or(p);

    *ok = n != NULL;
    if (!n)
        return false;
    if (parse_accept(p, T_AMP)) {
        struct node *bg = parse_new_node(p, N_BG, n->line);

        bg->sub.body = n;
        n = bg;
    } else if (!parse_accept(p, T_SEMI) && parse_peek(p)->kind != T_NEWLINE) {
        vec_push(items, n);
        return false;
    }
    vec_push(items, n);
    return true;
}

static bool at_list_end(struct parser *p)
{
    static const char *const closers[] = {
        "then", "else", "elif", "fi", "do", "done", "esac", "}"
    };
    struct token *t = parse_peek(p);

    if (t->kind == T_EOF || t->kind == T_RPAREN || t->kind == T_DSEMI || t->kind == T_SEMIAND ||
        t->kind == T_ERROR)
        return true;
    for (size_t i = 0; i < sizeof closers / sizeof closers[0]; i++) {
        if (parse_at_keyword(p, closers[i]))
            return true;
    }
    return false;
}

struct node *parse_compound_list(struct parser *p, bool allow_empty, const char *closer)
{
    struct node_vec items = { 0 };
    struct node *n = NULL;
    bool ok = true;

    parse_skip_newlines(p);
    while (!p->failed && !at_list_end(p)) {
        if (!parse_list_item(p, &items, &ok))
            break;
        parse_skip_newlines(p);
    }
    if (ok && !p->failed && items.n == 0 && !allow_empty)
        parse_unexpected(p, parse_peek(p)->kind == T_EOF ? closer : NULL);
    if (ok && !p->failed && items.n > 0)
        n = build_sequence(p, &items);
    free(items.v);
    return p->failed ? NULL : n;
}

/* The commands of one line: and-or lists up to a newline. */
static struct node *parse_line_list(struct parser *p)
{
    struct node_vec items = { 0 };
    struct node *n = NULL;
    bool ok = true;

    while (parse_list_item(p, &items, &ok)) {
        enum tok_kind k = parse_peek(p)->kind;

        if (k == T_NEWLINE || k == T_EOF)
            break;
    }
    if (ok && !p->failed) {
        enum tok_kind k = parse_peek(p)->kind;

        if (k == T_NEWLINE)
            parse_consume(p);
        else if (k != T_EOF)
            parse_unexpected(p, NULL);
    }
    if (!p->failed)
        n = build_sequence(p, &items);
    free(items.v);
    return n;
}

enum parse_status parse_command_line(struct parser *p, struct arena *arena, struct node **out)
{
    struct token *t;

    p->arena = arena;
    p->failed = false;
    p->depth = 0;
    p->alias_next = false;
    p->heredocs = NULL;
    *out = NULL;
    t = parse_peek(p);
    if (t->kind == T_EOF)
        return p->failed ? PARSE_ERROR : PARSE_EOF;
    if (t->kind == T_NEWLINE) {
        parse_consume(p);
        return PARSE_OK;
    }
    *out = parse_line_list(p);
    if (p->failed) {
        p->have_tok = false;
        p->heredocs = NULL;
        return PARSE_ERROR;
    }
    return PARSE_OK;
}

struct node *parse_cmdsub(struct parser *p)
{
    struct token saved_tok = p->tok;
    bool saved_have = p->have_tok, saved_alias = p->alias_next;
    struct heredoc_req *saved_docs = p->heredocs;
    struct node *n = NULL;

    p->have_tok = false;
    p->heredocs = NULL;
    p->alias_next = false;
    parse_skip_newlines(p);
    if (!parse_accept(p, T_RPAREN) && !p->failed) {
        n = parse_compound_list(p, false, ")");
        if (!p->failed)
            parse_expect(p, T_RPAREN);
    }
    p->tok = saved_tok;
    p->have_tok = saved_have;
    p->alias_next = saved_alias;
    p->heredocs = saved_docs;
    return n;
}

struct node *parse_string(struct arena *arena, const char *text, int line, bool *failed)
{
    struct input in;
    struct parser p;
    struct node *n;

    input_init_string(&in, text, line);
    parser_init(&p, &in);
    p.arena = arena;
    n = parse_compound_list(&p, true, NULL);
    if (!p.failed && parse_peek(&p)->kind != T_EOF)
        parse_unexpected(&p, NULL);
    *failed = p.failed;
    input_free(&in);
    return p.failed ? NULL : n;
}
