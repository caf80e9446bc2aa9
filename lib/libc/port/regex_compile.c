/*
 * regcomp() and regfree(): the syntax tree from regex_parse.c becomes a
 * program of re_inst (see regex_impl.h). The program is
 *     SAVE 0; <pattern>; SAVE 1; MATCH
 * A group n is SAVE 2n; <body>; SAVE 2n+1. Counted repetition is
 * expanded: x{2,4} is x x (x (x)?)?, and an unbounded tail is a loop
 *     L: MARK k; <x>; LOOP k, L
 * whose LOOP instruction goes round again only if the iteration consumed
 * something, so that a loop over an empty match ends.
 */
#include <stdlib.h>
#include <string.h>

#include "regex_impl.h"

struct re_emitter {
    const struct re_tree *tree;
    struct re_program *prog;
    int cap;
    int err;
};

static int emit(struct re_emitter *e, int op, int x, int y)
{
    struct re_program *prog = e->prog;

    if (e->err)
        return -1;
    if (prog->ninsts == e->cap) {
        int cap = e->cap ? e->cap * 2 : 64;
        struct re_inst *grown;

        if (prog->ninsts >= RE_MAX_INSTS) {
            e->err = REG_ESPACE;
            return -1;
        }
        grown = realloc(prog->insts, cap * sizeof(*grown));
        if (!grown) {
            e->err = REG_ESPACE;
            return -1;
        }
        prog->insts = grown;
        e->cap = cap;
    }
    prog->insts[prog->ninsts].op = op;
    prog->insts[prog->ninsts].x = x;
    prog->insts[prog->ninsts].y = y;
    return prog->ninsts++;
}

static int gen(struct re_emitter *e, int index);

/* An unbounded loop over node: at least once, then as often as it makes progress. */
static int gen_loop(struct re_emitter *e, int node)
{
    int slot = e->prog->nloops++;
    int start = emit(e, RO_MARK, slot, 0);

    if (start < 0 || gen(e, node) < 0)
        return -1;
    return emit(e, RO_LOOP, slot, start);
}

/* node{min,max}: fixed copies, then a loop or a chain of optional copies. */
static int gen_repeat(struct re_emitter *e, const struct re_node *n)
{
    int fixed = n->max < 0 && n->min > 0 ? n->min - 1 : n->min;
    int pending = -1;

    for (int i = 0; i < fixed; i++)
        if (gen(e, n->left) < 0)
            return -1;
    if (n->max < 0) {
        int split = n->min == 0 ? emit(e, RO_SPLIT, e->prog->ninsts + 1, -1) : -2;

        if (split == -1 || gen_loop(e, n->left) < 0)
            return -1;
        if (split >= 0)
            e->prog->insts[split].y = e->prog->ninsts;
        return 0;
    }
    /* Optional copies; the SPLITs' y fields chain them until patched. */
    for (int i = n->min; i < n->max; i++) {
        int split = emit(e, RO_SPLIT, e->prog->ninsts + 1, pending);

        if (split < 0 || gen(e, n->left) < 0)
            return -1;
        pending = split;
    }
    while (pending >= 0) {
        int next = e->prog->insts[pending].y;

        e->prog->insts[pending].y = e->prog->ninsts;
        pending = next;
    }
    return 0;
}

static int gen_alternation(struct re_emitter *e, const struct re_node *n)
{
    int split = emit(e, RO_SPLIT, e->prog->ninsts + 1, -1), jump;

    if (split < 0 || gen(e, n->left) < 0)
        return -1;
    jump = emit(e, RO_JMP, -1, 0);
    if (jump < 0)
        return -1;
    e->prog->insts[split].y = e->prog->ninsts;
    if (gen(e, n->right) < 0)
        return -1;
    e->prog->insts[jump].x = e->prog->ninsts;
    return 0;
}

static int gen(struct re_emitter *e, int index)
{
    static const unsigned char simple_op[] = {
        [RN_ANY] = RO_ANY,         [RN_BOL] = RO_BOL,         [RN_EOL] = RO_EOL,
        [RN_WORDBEG] = RO_WORDBEG, [RN_WORDEND] = RO_WORDEND, [RN_WORDB] = RO_WORDB,
        [RN_NWORDB] = RO_NWORDB,
    };
    const struct re_node *n = &e->tree->nodes[index];

    switch (n->kind) {
    case RN_EMPTY:
        return 0;
    case RN_CHAR:
        return emit(e, RO_CHAR, n->value, 0);
    case RN_SET:
        return emit(e, RO_SET, n->value, 0);
    case RN_BACKREF:
        return emit(e, RO_BACKREF, n->value, 0);
    case RN_GROUP:
        if (emit(e, RO_SAVE, 2 * n->value, 0) < 0 || gen(e, n->left) < 0)
            return -1;
        return emit(e, RO_SAVE, 2 * n->value + 1, 0);
    case RN_CAT:
        /* Right-deep chain (see parse_branch): loop down the spine. */
        while (n->kind == RN_CAT) {
            if (gen(e, n->left) < 0)
                return -1;
            n = &e->tree->nodes[n->right];
        }
        return gen(e, n - e->tree->nodes);
    case RN_ALT:
        return gen_alternation(e, n);
    case RN_REPEAT:
        return gen_repeat(e, n);
    default:
        return emit(e, simple_op[n->kind], 0, 0);
    }
}

static int compile_tree(const struct re_tree *tree, int cflags, struct re_program *prog)
{
    struct re_emitter e = { .tree = tree, .prog = prog };

    prog->cflags = cflags;
    prog->ncaps = 2 * (tree->nsub + 1);
    prog->has_backref = tree->has_backref;
    emit(&e, RO_SAVE, 0, 0);
    if (!e.err)
        gen(&e, tree->root);
    emit(&e, RO_SAVE, 1, 0);
    emit(&e, RO_MATCH, 0, 0);
    return e.err;
}

int regcomp(regex_t *restrict preg, const char *restrict pattern, int cflags)
{
    struct re_tree tree;
    struct re_program *prog;
    int err;

    if (!preg || !pattern)
        return REG_BADPAT;
    preg->re_prog = NULL;
    err = re_parse(pattern, cflags, &tree);
    if (err)
        return err;
    prog = calloc(1, sizeof(*prog));
    err = prog ? compile_tree(&tree, cflags, prog) : REG_ESPACE;
    if (err) {
        if (prog)
            free(prog->insts);
        free(prog);
        re_tree_free(&tree);
        return err;
    }
    prog->sets = tree.sets; /* the program keeps the bracket sets */
    prog->nsets = tree.nsets;
    tree.sets = NULL;
    preg->re_nsub = tree.nsub;
    preg->re_prog = prog;
    re_tree_free(&tree);
    return 0;
}

void regfree(regex_t *preg)
{
    if (!preg || !preg->re_prog)
        return;
    free(preg->re_prog->insts);
    free(preg->re_prog->sets);
    free(preg->re_prog);
    preg->re_prog = NULL;
}
