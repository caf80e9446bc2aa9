/*
 * The parser: shell text to syntax trees, one complete command at a time,
 * so that each command line runs before the next one is read (an alias
 * defined on one line applies to the next).
 */
#ifndef SH_PARSE_H
#define SH_PARSE_H

#include <stdbool.h>

#include "ast.h"
#include "input.h"

enum tok_kind {
    T_EOF,
    T_NEWLINE,
    T_WORD,
    T_IO_NUMBER,
    T_ANDIF,     /* && */
    T_ORIF,      /* || */
    T_DSEMI,     /* ;; */
    T_SEMIAND,   /* ;& */
    T_LPAREN,    /* ( */
    T_RPAREN,    /* ) */
    T_PIPE,      /* | */
    T_AMP,       /* & */
    T_SEMI,      /* ; */
    T_LESS,      /* < */
    T_GREAT,     /* > */
    T_DGREAT,    /* >> */
    T_DLESS,     /* << */
    T_DLESSDASH, /* <<- */
    T_LESSAND,   /* <& */
    T_GREATAND,  /* >& */
    T_LESSGREAT, /* <> */
    T_CLOBBER,   /* >| */
    T_ERROR,     /* the lexer reported an error */
};

struct token {
    enum tok_kind kind;
    struct word *word; /* T_WORD */
    int fd;            /* T_IO_NUMBER */
    int line;
};

struct heredoc_req {
    struct heredoc_req *next;
    struct redir *redir;
    const char *delim;
};

struct parser {
    struct input *in;
    struct arena *arena;
    struct token tok; /* one token of lookahead */
    bool have_tok;
    bool alias_next;              /* an alias ended in a blank: check the next word */
    bool failed;                  /* an error was reported */
    int depth;                    /* nesting, limited by MAX_PARSE_DEPTH */
    struct heredoc_req *heredocs; /* bodies to read at the next newline */
};

enum parse_status { PARSE_OK, PARSE_EOF, PARSE_ERROR };

void parser_init(struct parser *p, struct input *in);

/*
 * Parse one complete command (up to a newline) into *out, allocated from
 * arena. An empty line gives PARSE_OK with *out == NULL.
 */
enum parse_status parse_command_line(struct parser *p, struct arena *arena, struct node **out);

/* Parse a whole string (backquotes, trap actions checked in advance). */
struct node *parse_string(struct arena *arena, const char *text, int line, bool *failed);

/* Report a syntax error (only the first one of a command is shown). */
void parse_error(struct parser *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Keywords reserved at the start of a command. */
bool is_keyword(const char *s);

/* --- between the parser and the lexer (lex.c, word.c, heredoc.c) --- */

/* The next token (no lookahead; the parser keeps that). */
void lex_token(struct parser *p, struct token *tok);
/* A word starting at the current input position. */
struct word *lex_word(struct parser *p);
/* After `$(`: parse commands up to the matching `)`. */
struct node *parse_cmdsub(struct parser *p);
/* Remember a << redirection whose body follows the next newline. */
void lex_add_heredoc(struct parser *p, struct redir *r);
/* Read the bodies of the pending here-documents. */
bool lex_read_heredocs(struct parser *p);
/* The words of a here-document body with expansions. */
struct word *lex_heredoc_text(struct parser *p, const char *text, int line);
const char *tok_describe(const struct token *t);

/* --- between parse.c and parse_compound.c --- */

struct token *parse_peek(struct parser *p);
void parse_consume(struct parser *p);
bool parse_accept(struct parser *p, enum tok_kind kind);
/* Is the next token this reserved word? */
bool parse_at_keyword(struct parser *p, const char *kw);
/* Consume the reserved word kw, or report what came instead. */
bool parse_expect_keyword(struct parser *p, const char *kw);
bool parse_expect(struct parser *p, enum tok_kind kind);
void *parse_unexpected(struct parser *p, const char *expecting);
void parse_skip_newlines(struct parser *p);
struct node *parse_new_node(struct parser *p, enum node_kind kind, int line);
/*
 * Commands up to a closing keyword, `)`, `;;` or the end of input;
 * closer names what should come next, for messages.
 */
struct node *parse_compound_list(struct parser *p, bool allow_empty, const char *closer);
/* The compound command that starts with keyword kw (or "(" ). */
struct node *parse_compound(struct parser *p, const char *kw);
/* Redirections that follow a compound command. */
bool parse_redirections(struct parser *p, struct redir **list);

#endif
