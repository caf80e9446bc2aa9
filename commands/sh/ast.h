/*
 * The syntax tree. A word is a list of parts: literal text, parameter
 * expansions, command substitutions and arithmetic. Each part remembers
 * whether it was quoted, which is all expansion needs to know to decide
 * on field splitting, pathname expansion and pattern matching. Nodes and
 * words live in the arena of the command line that was parsed.
 */
#ifndef SH_AST_H
#define SH_AST_H

#include <stdbool.h>
#include <stddef.h>

struct node;
struct word;
struct arena;

enum part_kind { PART_LIT, PART_PARAM, PART_CMDSUB, PART_ARITH };

enum param_op {
    PO_NONE,    /* $x ${x} */
    PO_LENGTH,  /* ${#x} */
    PO_DEFAULT, /* ${x-w} ${x:-w} */
    PO_ASSIGN,  /* ${x=w} ${x:=w} */
    PO_ERROR,   /* ${x?w} ${x:?w} */
    PO_ALT,     /* ${x+w} ${x:+w} */
    PO_RSMALL,  /* ${x%w} */
    PO_RLARGE,  /* ${x%%w} */
    PO_LSMALL,  /* ${x#w} */
    PO_LLARGE,  /* ${x##w} */
};

struct param {
    const char *name; /* "x", "10", "@", "#", "?" ... */
    enum param_op op;
    bool colon;       /* the ':' forms also treat an empty value as unset */
    struct word *arg; /* the word after the operator, or NULL */
};

struct part {
    struct part *next;
    enum part_kind kind;
    bool quoted; /* inside quotes: no field splitting or pattern meaning */
    union {
        struct {
            const char *text;
            size_t len;
        } lit;
        struct param *param;
        struct node *cmdsub;
        struct word *arith; /* the expression, expanded before evaluation */
    };
};

struct word {
    struct word *next; /* in a list of words */
    struct part *parts;
    const char *text; /* the source text, for messages and listings */
    int line;
    bool decl; /* name=value operand of export/readonly/local: not split */
};

enum redir_kind {
    R_IN,      /* <  */
    R_OUT,     /* >  */
    R_APPEND,  /* >> */
    R_CLOBBER, /* >| */
    R_RDWR,    /* <> */
    R_DUPIN,   /* <& */
    R_DUPOUT,  /* >& */
    R_HEREDOC, /* << and <<- */
};

struct redir {
    struct redir *next;
    enum redir_kind kind;
    int fd;
    struct word *target; /* file, fd number, or here-document delimiter */
    struct word *body;   /* here-document text */
    bool strip_tabs;     /* <<- */
    bool quoted_delim;   /* the body is taken literally */
    int line;
};

struct assign {
    struct assign *next;
    const char *name;
    struct word *value;
};

struct case_item {
    struct case_item *next;
    struct word *patterns;
    struct node *body; /* may be NULL */
    bool fallthrough;  /* ;& */
};

enum node_kind {
    N_SIMPLE,
    N_PIPE,
    N_AND,
    N_OR,
    N_SEQ,
    N_BG,
    N_SUBSHELL,
    N_GROUP,
    N_IF,
    N_WHILE,
    N_UNTIL,
    N_FOR,
    N_CASE,
    N_FUNCDEF,
};

struct node {
    enum node_kind kind;
    int line;
    struct redir *redirs; /* of a simple or compound command */
    union {
        struct {
            struct assign *assigns;
            struct word *args;
        } simple;
        struct {
            struct node **cmds;
            int ncmds;
            bool bang;
        } pipe;
        struct {
            struct node *left, *right;
        } bin; /* N_AND N_OR N_SEQ */
        struct {
            struct node *body;
        } sub; /* N_BG N_SUBSHELL N_GROUP */
        struct {
            struct node *cond, *then_part, *else_part;
        } if_;
        struct {
            struct node *cond, *body;
        } loop; /* N_WHILE N_UNTIL */
        struct {
            const char *var;
            struct word *words;
            bool has_in; /* without "in", the loop runs over "$@" */
            struct node *body;
        } for_;
        struct {
            struct word *subject;
            struct case_item *items;
        } case_;
        struct {
            const char *name;
            struct node *body;
            struct arena *arena; /* holds body: kept alive by the function */
        } func;
    };
};

/* The text of a word that is one unquoted literal (a keyword or name). */
const char *word_plain(const struct word *w);

/* A valid variable name of len bytes? */
bool is_name(const char *s, size_t len);

#endif
