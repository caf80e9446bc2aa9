/*
 * Word expansion: tilde, parameters, command substitution, arithmetic,
 * field splitting, pathname expansion and quote removal.
 *
 * Expansion appends text to the field being built, and each piece of text
 * comes in one of three kinds: literal text from the script (never split,
 * may hold pattern characters), quoted text (never split, never a
 * pattern), and the result of an unquoted expansion (split on IFS as it is
 * added, may hold pattern characters). When a pattern is wanted (for
 * pathname expansion, case, ${x#...}), quoted characters are kept behind
 * a backslash, so the matcher sees them as literals; quote removal takes
 * the backslashes out again.
 */
#ifndef SH_EXPAND_H
#define SH_EXPAND_H

#include <stdbool.h>

#include "alloc.h"
#include "ast.h"

/* A list of strings owned by the list. */
struct fields {
    char **v;
    int n;
    int cap;
};

void fields_init(struct fields *f);
void fields_add(struct fields *f, char *owned);
void fields_free(struct fields *f);

enum expand_flags {
    EXP_FIELDS = 1,  /* field splitting; "$@" gives several fields */
    EXP_GLOB = 2,    /* pathname expansion */
    EXP_PATTERN = 4, /* the result is a pattern: quoted chars escaped */
    EXP_TILDE = 8,   /* tilde expansion at the start of the word */
    EXP_ASSIGN = 16, /* ... and after each unquoted ':' (assignments) */
};

/*
 * Command arguments: all expansions, then splitting and pathname
 * expansion; appends to out. Returns -1 after an expansion error (which
 * has been reported and handled with sh_fail).
 */
int expand_words(struct word *words, struct fields *out);
/* One string, no splitting or pathname expansion; NULL after an error. */
char *expand_string(struct word *w, int flags);
/* A pattern for case or ${x#...}: quoted characters escaped. */
char *expand_pattern(struct word *w);
/* $PS1 or $PS2 with parameters, commands and arithmetic expanded. */
char *expand_prompt(const char *varname);
/* Text with $ and backquote expansions, as in an unquoted here-document. */
char *expand_text(const char *text, bool *failed);
/* Remove the backslashes that mark quoted characters in a pattern. */
char *pattern_unescape(const char *pattern);

/* Status of the last command substitution, for a command of only assignments. */
extern int cmdsub_last_status;
extern bool cmdsub_happened;

/* --- between expand.c, param.c and cmdsub.c --- */

enum add_kind {
    ADD_LITERAL,  /* script text: may be a pattern, never split */
    ADD_QUOTED,   /* quoted text: no pattern, never split */
    ADD_EXPANDED, /* result of an unquoted expansion: split, may be a pattern */
};

struct expander {
    int flags;
    char *ifs;
    struct strbuf cur; /* the field being built */
    bool started;      /* cur is a field even if empty ("" or "$x") */
    bool has_glob;     /* cur holds an unquoted * ? or [ */
    bool ws_delim;     /* the last delimiter seen was IFS white space */
    char **raw;        /* finished fields (in pattern form when globbing) */
    bool *raw_glob;
    int nraw;
    int capraw;
    bool failed;
};

void exp_add(struct expander *e, const char *s, size_t len, enum add_kind kind);
/* End the current field (even if empty). */
void exp_break(struct expander *e);
/* Expand parts into e; operand: the word of ${x-word} (its text splits). */
bool exp_parts(struct expander *e, struct part *parts, bool operand);
bool exp_param(struct expander *e, struct param *pm, bool quoted);
/* Run a command substitution; its output without trailing newlines. */
char *cmdsub_output(struct node *body);
/* Report an expansion error and apply the shell's error rules. */
bool exp_error(struct expander *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
