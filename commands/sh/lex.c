/*
 * The token layer of the lexer: blanks, comments, line continuations,
 * operators and IO numbers. Words are scanned by word.c, here-document
 * bodies by heredoc.c, both through the same input.
 */
#include <stdlib.h>
#include <string.h>

#include "parse.h"

static bool is_blank(int c)
{
    return c == ' ' || c == '\t';
}

/* Skip blanks, comments and backslash-newlines; return the next char. */
static int skip_space(struct parser *p)
{
    for (;;) {
        int c = input_getc(p->in);

        if (is_blank(c))
            continue;
        if (c == '#') {
            while ((c = input_getc(p->in)) >= 0 && c != '\n')
                ;
            input_ungetc(p->in, c);
            continue;
        }
        if (c == '\\') {
            int next = input_getc(p->in);

            if (next == '\n')
                continue;
            input_ungetc(p->in, next);
        }
        return c;
    }
}

/* If the next char is `want`, consume it. */
static bool accept_char(struct parser *p, int want)
{
    int c = input_getc(p->in);

    if (c == want)
        return true;
    input_ungetc(p->in, c);
    return false;
}

static enum tok_kind lex_less(struct parser *p)
{
    if (accept_char(p, '<'))
        return accept_char(p, '-') ? T_DLESSDASH : T_DLESS;
    if (accept_char(p, '&'))
        return T_LESSAND;
    if (accept_char(p, '>'))
        return T_LESSGREAT;
    return T_LESS;
}

static enum tok_kind lex_great(struct parser *p)
{
    if (accept_char(p, '>'))
        return T_DGREAT;
    if (accept_char(p, '&'))
        return T_GREATAND;
    if (accept_char(p, '|'))
        return T_CLOBBER;
    return T_GREAT;
}

/* An operator starting with c, or T_EOF if c does not start one. */
static enum tok_kind lex_operator(struct parser *p, int c)
{
    switch (c) {
    case '&':
        return accept_char(p, '&') ? T_ANDIF : T_AMP;
    case '|':
        return accept_char(p, '|') ? T_ORIF : T_PIPE;
    case ';':
        if (accept_char(p, ';'))
            return T_DSEMI;
        return accept_char(p, '&') ? T_SEMIAND : T_SEMI;
    case '(':
        return T_LPAREN;
    case ')':
        return T_RPAREN;
    case '<':
        return lex_less(p);
    case '>':
        return lex_great(p);
    default:
        return T_EOF;
    }
}

/* A word of digits right before < or > is the fd of a redirection. */
static bool is_io_number(struct parser *p, struct word *w, int *fd)
{
    const char *s = word_plain(w);
    int c;
    long n = 0;

    if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 9)
        return false;
    c = input_getc(p->in);
    input_ungetc(p->in, c);
    if (c != '<' && c != '>')
        return false;
    n = strtol(s, NULL, 10);
    *fd = (int)n;
    return true;
}

void lex_token(struct parser *p, struct token *tok)
{
    int c;

    input_pop_done(p->in);
    memset(tok, 0, sizeof *tok);
    c = skip_space(p);
    tok->line = p->in->line;
    if (c < 0) {
        if (p->heredocs)
            lex_read_heredocs(p);
        tok->kind = T_EOF;
        return;
    }
    if (c == '\n') {
        tok->line--;
        tok->kind = lex_read_heredocs(p) ? T_NEWLINE : T_ERROR;
        return;
    }
    tok->kind = lex_operator(p, c);
    if (tok->kind != T_EOF)
        return;
    input_ungetc(p->in, c);
    tok->word = lex_word(p);
    if (!tok->word) {
        tok->kind = T_ERROR;
        return;
    }
    tok->kind = is_io_number(p, tok->word, &tok->fd) ? T_IO_NUMBER : T_WORD;
}

static const char *const tok_text[] = {
    [T_EOF] = "end of file", [T_NEWLINE] = "newline", [T_ANDIF] = "&&",     [T_ORIF] = "||",
    [T_DSEMI] = ";;",        [T_SEMIAND] = ";&",      [T_LPAREN] = "(",     [T_RPAREN] = ")",
    [T_PIPE] = "|",          [T_AMP] = "&",           [T_SEMI] = ";",       [T_LESS] = "<",
    [T_GREAT] = ">",         [T_DGREAT] = ">>",       [T_DLESS] = "<<",     [T_DLESSDASH] = "<<-",
    [T_LESSAND] = "<&",      [T_GREATAND] = ">&",     [T_LESSGREAT] = "<>", [T_CLOBBER] = ">|",
};

const char *tok_describe(const struct token *t)
{
    if ((t->kind == T_WORD || t->kind == T_IO_NUMBER) && t->word && t->word->text)
        return t->word->text;
    if ((size_t)t->kind < sizeof tok_text / sizeof tok_text[0] && tok_text[t->kind])
        return tok_text[t->kind];
    return "token";
}
