/*
 * Internals of the regular-expression library, shared by its three parts:
 *
 *   regex_parse.c    pattern text (BRE or ERE) -> syntax tree
 *   regex_compile.c  syntax tree -> program for a small virtual machine;
 *                    regcomp() and regfree()
 *   regex_exec.c     regexec(): runs the program
 *
 * The program is a Thompson NFA in the form of instructions (as in Pike's
 * and Thompson's VMs): SPLIT forks a thread, SAVE records a capture
 * offset. Without back-references regexec() simulates all threads in
 * lock step (time linear in the text times the program size), with them
 * it backtracks under a step budget.
 */
#ifndef REGEX_IMPL_H
#define REGEX_IMPL_H

#include <regex.h>

/* Limits that keep a hostile pattern from exhausting memory or stack. */
#define RE_MAX_NODES  100000
#define RE_MAX_INSTS  65536
#define RE_MAX_DEPTH  500
#define RE_MAX_GROUPS 1000

enum re_node_kind {
    RN_EMPTY,
    RN_CHAR,    /* byte value */
    RN_ANY,     /* . */
    RN_SET,     /* bracket expression: index into sets */
    RN_BOL,     /* ^ */
    RN_EOL,     /* $ */
    RN_WORDBEG, /* \< */
    RN_WORDEND, /* \> */
    RN_WORDB,   /* \b */
    RN_NWORDB,  /* \B */
    RN_BACKREF, /* \1 .. \9 */
    RN_GROUP,   /* ( left ), number in value */
    RN_CAT,     /* left right */
    RN_ALT,     /* left | right */
    RN_REPEAT,  /* left{min,max}, max < 0 means no limit */
};

struct re_node {
    enum re_node_kind kind;
    int value; /* char, set index, group or back-reference number */
    int left, right;
    int min, max;
};

/* A bracket expression: one bit per byte value. */
struct re_set {
    unsigned char bits[32];
};

struct re_tree {
    struct re_node *nodes;
    int nnodes, cap_nodes;
    struct re_set *sets;
    int nsets, cap_sets;
    int nsub;
    int has_backref;
    int root;
};

enum re_opcode {
    RO_CHAR, /* x: byte */
    RO_ANY,  /* any byte (but newline under REG_NEWLINE) */
    RO_SET,  /* x: set index */
    RO_BOL,
    RO_EOL,
    RO_WORDBEG,
    RO_WORDEND,
    RO_WORDB,
    RO_NWORDB,
    RO_BACKREF, /* x: group number */
    RO_SAVE,    /* x: slot */
    RO_SPLIT,   /* try x first, then y */
    RO_JMP,     /* x */
    RO_MARK,    /* x: loop slot; remember where this loop iteration began */
    RO_LOOP,    /* x: loop slot, y: loop start; loop again only on progress */
    RO_MATCH,
};

struct re_inst {
    unsigned char op;
    int x, y;
};

struct re_program {
    int cflags;
    struct re_inst *insts;
    int ninsts;
    struct re_set *sets;
    int nsets;
    int ncaps;  /* capture slots: 2 * (re_nsub + 1) */
    int nloops; /* loop slots, used by the backtracker only */
    int has_backref;
};

/* Parse pattern into tree; 0 or a REG_* error code. */
int re_parse(const char *pattern, int cflags, struct re_tree *tree);
void re_tree_free(struct re_tree *tree);

/* Is c a byte that may appear in a word (for \< \> \b and grep -w)? */
int re_is_word_byte(int c);

#endif
