/*
 * Here-documents. A << redirection only names its delimiter; the body is
 * the lines after the end of the current line. The parser registers each
 * redirection here, and when the lexer reaches the newline it reads the
 * bodies in order. A quoted delimiter makes the body literal; otherwise
 * it is scanned like a double-quoted string without the quotes.
 */
#include <string.h>

#include "parse.h"

/* The delimiter with quotes removed; *quoted says if there were any. */
static char *unquote_delim(struct parser *p, const char *raw, bool *quoted)
{
    struct strbuf out;
    char *delim;
    char q = 0;

    sb_init(&out);
    *quoted = false;
    for (const char *s = raw; *s; s++) {
        if (q == '\'' && *s != '\'') {
            sb_addc(&out, *s);
        } else if (*s == '\\' && s[1] && (q != '"' || strchr("$`\"\\", s[1]))) {
            *quoted = true;
            sb_addc(&out, *++s);
        } else if (*s == '\'' || *s == '"') {
            *quoted = true;
            if (!q)
                q = *s;
            else if (q == *s)
                q = 0;
            else
                sb_addc(&out, *s);
        } else {
            sb_addc(&out, *s);
        }
    }
    delim = arena_strndup(p->arena, sb_str(&out), out.len);
    sb_free(&out);
    return delim;
}

void lex_add_heredoc(struct parser *p, struct redir *r)
{
    struct heredoc_req *req = arena_alloc(p->arena, sizeof *req), **pp;

    req->redir = r;
    req->delim = unquote_delim(p, r->target->text, &r->quoted_delim);
    for (pp = &p->heredocs; *pp; pp = &(*pp)->next)
        ;
    *pp = req;
}

/* One line without its newline; false at the end of input. */
static bool read_line(struct parser *p, struct strbuf *line)
{
    int c;

    sb_reset(line);
    while ((c = input_getc(p->in)) >= 0 && c != '\n')
        sb_addc(line, (char)c);
    return c >= 0 || line->len > 0;
}

static bool read_body(struct parser *p, struct heredoc_req *req)
{
    struct redir *r = req->redir;
    struct strbuf body, line;
    int first_line = p->in->line;

    sb_init(&body);
    sb_init(&line);
    input_set_prompt(p->in, PROMPT_PS2);
    while (read_line(p, &line)) {
        const char *text = sb_str(&line);

        if (r->strip_tabs)
            text += strspn(text, "\t");
        if (strcmp(text, req->delim) == 0)
            break;
        sb_adds(&body, text);
        sb_addc(&body, '\n');
    }
    if (r->quoted_delim) {
        r->body = arena_alloc(p->arena, sizeof *r->body);
        r->body->parts = arena_alloc(p->arena, sizeof *r->body->parts);
        r->body->parts->kind = PART_LIT;
        r->body->parts->quoted = true;
        r->body->parts->lit.text = arena_strndup(p->arena, sb_str(&body), body.len);
        r->body->parts->lit.len = body.len;
    } else {
        r->body = lex_heredoc_text(p, sb_str(&body), first_line);
    }
    sb_free(&body);
    sb_free(&line);
    return r->body != NULL;
}

bool lex_read_heredocs(struct parser *p)
{
    bool ok = true;

    while (p->heredocs && ok) {
        struct heredoc_req *req = p->heredocs;

        p->heredocs = req->next;
        ok = read_body(p, req);
    }
    p->heredocs = NULL;
    return ok;
}
