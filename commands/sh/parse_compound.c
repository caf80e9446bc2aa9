/* The compound commands: if, while, until, for, case, { }, ( ). */
#include <string.h>

#include "parse.h"

static struct node *parse_if(struct parser *p, int line)
{
    struct node *top = NULL, **slot = &top;

    do {
        struct node *n = parse_new_node(p, N_IF, line);

        parse_consume(p); /* if or elif */
        *slot = n;
        if (!(n->if_.cond = parse_compound_list(p, false, "then")) ||
            !parse_expect_keyword(p, "then"))
            return NULL;
        if (!(n->if_.then_part = parse_compound_list(p, false, "fi")))
            return NULL;
        slot = &n->if_.else_part;
        line = parse_peek(p)->line;
    } while (parse_at_keyword(p, "elif"));
    if (parse_at_keyword(p, "else")) {
        parse_consume(p);
        if (!(*slot = parse_compound_list(p, false, "fi")))
            return NULL;
    }
    return parse_expect_keyword(p, "fi") ? top : NULL;
}

/* do ... done */
static struct node *parse_do_group(struct parser *p)
{
    struct node *body;

    if (!parse_expect_keyword(p, "do"))
        return NULL;
    body = parse_compound_list(p, false, "done");
    if (!body || !parse_expect_keyword(p, "done"))
        return NULL;
    return body;
}

static struct node *parse_loop(struct parser *p, enum node_kind kind, int line)
{
    struct node *n = parse_new_node(p, kind, line);

    parse_consume(p);
    if (!(n->loop.cond = parse_compound_list(p, false, "do")))
        return NULL;
    n->loop.body = parse_do_group(p);
    return n->loop.body ? n : NULL;
}

/* The words after `for x in`, up to ; or newline. */
static bool parse_for_words(struct parser *p, struct node *n)
{
    struct word **tail = &n->for_.words;

    n->for_.has_in = true;
    while (parse_peek(p)->kind == T_WORD) {
        *tail = p->tok.word;
        tail = &(*tail)->next;
        parse_consume(p);
    }
    if (parse_accept(p, T_SEMI) || parse_accept(p, T_NEWLINE))
        return true;
    parse_unexpected(p, "do");
    return false;
}

static struct node *parse_for(struct parser *p, int line)
{
    struct node *n = parse_new_node(p, N_FOR, line);
    struct token *t;
    const char *name;

    parse_consume(p);
    t = parse_peek(p);
    name = t->kind == T_WORD ? word_plain(t->word) : NULL;
    if (!name || !is_name(name, strlen(name))) {
        if (t->kind == T_WORD)
            parse_error(p, t->line, "syntax error: bad for loop variable '%s'", t->word->text);
        return parse_unexpected(p, NULL);
    }
    n->for_.var = name;
    parse_consume(p);
    parse_skip_newlines(p);
    if (parse_at_keyword(p, "in")) {
        parse_consume(p);
        if (!parse_for_words(p, n))
            return NULL;
    } else {
        parse_accept(p, T_SEMI);
    }
    parse_skip_newlines(p);
    n->for_.body = parse_do_group(p);
    return n->for_.body ? n : NULL;
}

/* pattern | pattern ) list ;; */
static struct case_item *parse_case_item(struct parser *p)
{
    struct case_item *item = arena_alloc(p->arena, sizeof *item);
    struct word **tail = &item->patterns;

    parse_accept(p, T_LPAREN);
    do {
        struct token *t = parse_peek(p);

        if (t->kind != T_WORD)
            return parse_unexpected(p, NULL);
        *tail = t->word;
        tail = &(*tail)->next;
        parse_consume(p);
    } while (parse_accept(p, T_PIPE));
    if (!parse_expect(p, T_RPAREN))
        return NULL;
    item->body = parse_compound_list(p, true, ";;");
    if (p->failed)
        return NULL;
    if (parse_accept(p, T_SEMIAND))
        item->fallthrough = true;
    else if (!parse_accept(p, T_DSEMI) && !parse_at_keyword(p, "esac"))
        return parse_unexpected(p, "esac");
    parse_skip_newlines(p);
    return item;
}

static struct node *parse_case(struct parser *p, int line)
{
    struct node *n = parse_new_node(p, N_CASE, line);
    struct case_item **tail = &n->case_.items;
    struct token *t;

    parse_consume(p);
    t = parse_peek(p);
    if (t->kind != T_WORD)
        return parse_unexpected(p, NULL);
    n->case_.subject = t->word;
    parse_consume(p);
    parse_skip_newlines(p);
    if (!parse_expect_keyword(p, "in"))
        return NULL;
    parse_skip_newlines(p);
    while (!parse_at_keyword(p, "esac")) {
        if (p->failed || !(*tail = parse_case_item(p)))
            return NULL;
        tail = &(*tail)->next;
    }
    parse_consume(p);
    return n;
}

static struct node *parse_group(struct parser *p, enum node_kind kind, int line)
{
    struct node *n = parse_new_node(p, kind, line);

    parse_consume(p);
    n->sub.body = parse_compound_list(p, false, kind == N_SUBSHELL ? ")" : "}");
    if (!n->sub.body)
        return NULL;
    if (kind == N_SUBSHELL)
        return parse_expect(p, T_RPAREN) ? n : NULL;
    return parse_expect_keyword(p, "}") ? n : NULL;
}

static struct node *parse_compound_body(struct parser *p, const char *kw, int line)
{
    if (strcmp(kw, "(") == 0)
        return parse_group(p, N_SUBSHELL, line);
    if (strcmp(kw, "{") == 0)
        return parse_group(p, N_GROUP, line);
    if (strcmp(kw, "if") == 0)
        return parse_if(p, line);
    if (strcmp(kw, "while") == 0)
        return parse_loop(p, N_WHILE, line);
    if (strcmp(kw, "until") == 0)
        return parse_loop(p, N_UNTIL, line);
    if (strcmp(kw, "for") == 0)
        return parse_for(p, line);
    return parse_case(p, line);
}

struct node *parse_compound(struct parser *p, const char *kw)
{
    struct node *n = parse_compound_body(p, kw, parse_peek(p)->line);

    if (!n || !parse_redirections(p, &n->redirs))
        return NULL;
    return n;
}
