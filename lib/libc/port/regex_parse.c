/*
 * Regular-expression parser: BRE or ERE text into a syntax tree.
 *
 * A recursive descent over the grammar
 *     alternation := branch ( '|' branch )*
 *     branch      := piece*
 *     piece       := atom ( '*' | '+' | '?' | '{m,n}' )*
 *     atom        := char | '.' | '[...]' | '(' alternation ')' | anchor | \N
 * where BRE spells the operators \( \) \{ \} (and, as GNU does, \| \+ \?),
 * and treats ^ and $ as anchors only at the ends of a branch and * as a
 * literal at the start of one. Nodes live in one growable array and refer
 * to each other by index, so freeing the tree is two free() calls.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "regex_impl.h"

struct re_parser {
    const unsigned char *pat;
    size_t pos;
    int extended;
    int icase;
    int newline;
    int depth;
    int err;
    unsigned char closed[10]; /* which groups 1..9 are complete, for \N */
    struct re_tree *tree;
};

int re_is_word_byte(int c)
{
    return isalnum(c) || c == '_';
}

static int fail(struct re_parser *p, int err)
{
    if (!p->err)
        p->err = err;
    return -1;
}

static int new_node(struct re_parser *p, enum re_node_kind kind, int value, int left, int right)
{
    struct re_tree *t = p->tree;
    struct re_node *n;

    if (t->nnodes == t->cap_nodes) {
        int cap = t->cap_nodes ? t->cap_nodes * 2 : 32;
        struct re_node *grown;

        if (cap > RE_MAX_NODES)
            return fail(p, REG_ESPACE);
        grown = realloc(t->nodes, cap * sizeof(*grown));
        if (!grown)
            return fail(p, REG_ESPACE);
        t->nodes = grown;
        t->cap_nodes = cap;
    }
    n = &t->nodes[t->nnodes];
    n->kind = kind;
    n->value = value;
    n->left = left;
    n->right = right;
    n->min = n->max = 0;
    return t->nnodes++;
}

static int new_set(struct re_parser *p)
{
    struct re_tree *t = p->tree;

    if (t->nsets == t->cap_sets) {
        int cap = t->cap_sets ? t->cap_sets * 2 : 8;
        struct re_set *grown;

        if (cap > RE_MAX_NODES)
            return fail(p, REG_ESPACE);
        grown = realloc(t->sets, cap * sizeof(*grown));
        if (!grown)
            return fail(p, REG_ESPACE);
        t->sets = grown;
        t->cap_sets = cap;
    }
    memset(&t->sets[t->nsets], 0, sizeof(t->sets[0]));
    return t->nsets++;
}

static void set_add(struct re_set *s, int c)
{
    s->bits[(unsigned char)c >> 3] |= 1u << (c & 7);
}

static int set_has(const struct re_set *s, int c)
{
    return s->bits[(unsigned char)c >> 3] & (1u << (c & 7));
}

/* Under REG_ICASE a set holding a letter holds both its cases. */
static void set_fold_case(struct re_set *s)
{
    for (int c = 1; c < 256; c++) {
        if (set_has(s, c)) {
            set_add(s, tolower(c));
            set_add(s, toupper(c));
        }
    }
}

static int peek(const struct re_parser *p, size_t ahead)
{
    for (size_t i = 0; i < ahead; i++)
        if (!p->pat[p->pos + i])
            return 0;
    return p->pat[p->pos + ahead];
}

static int at_end(const struct re_parser *p)
{
    return p->pat[p->pos] == 0;
}

/* A literal byte: a plain node, or a two-case set under REG_ICASE. */
static int literal(struct re_parser *p, int c)
{
    int set;

    if (!p->icase || tolower(c) == toupper(c))
        return new_node(p, RN_CHAR, c, -1, -1);
    set = new_set(p);
    if (set < 0)
        return -1;
    set_add(&p->tree->sets[set], tolower(c));
    set_add(&p->tree->sets[set], toupper(c));
    return new_node(p, RN_SET, set, -1, -1);
}

static const struct {
    const char *name;
    int (*test)(int);
} re_classes[] = {
    { "alpha", isalpha }, { "digit", isdigit }, { "alnum", isalnum }, { "upper", isupper },
    { "lower", islower }, { "space", isspace }, { "blank", isblank }, { "punct", ispunct },
    { "print", isprint }, { "graph", isgraph }, { "cntrl", iscntrl }, { "xdigit", isxdigit },
};

/* Add the bytes of class [:name:], name being len bytes long. */
static int add_class(struct re_parser *p, struct re_set *s, const unsigned char *name, size_t len)
{
    for (size_t i = 0; i < sizeof(re_classes) / sizeof(re_classes[0]); i++) {
        if (strlen(re_classes[i].name) == len && !memcmp(re_classes[i].name, name, len)) {
            for (int c = 1; c < 256; c++)
                if (re_classes[i].test(c))
                    set_add(s, c);
            return 0;
        }
    }
    return fail(p, REG_ECTYPE);
}

/*
 * Parse "[x" "." or "=" ... "x]" at p->pos (just after "[x"), where x is
 * kind. Classes are added to s; a collating element or equivalence class
 * must be one byte, returned in *single.
 */
static int bracket_special(struct re_parser *p, struct re_set *s, int kind, int *single)
{
    size_t start = p->pos, end = start;

    while (p->pat[end] && !(p->pat[end] == kind && p->pat[end + 1] == ']'))
        end++;
    if (!p->pat[end])
        return fail(p, REG_EBRACK);
    p->pos = end + 2;
    if (kind == ':')
        return add_class(p, s, p->pat + start, end - start);
    if (end - start != 1)
        return fail(p, REG_ECOLLATE);
    *single = p->pat[start];
    return 1;
}

/*
 * One endpoint of a bracket expression term: a byte, [.x.] or [=x=];
 * returns 1 with the byte in *c, 0 when a class was added, -1 on error.
 */
static int bracket_term(struct re_parser *p, struct re_set *s, int *c)
{
    int first = peek(p, 0), second = peek(p, 1);

    if (!first)
        return fail(p, REG_EBRACK);
    if (first == '[' && (second == ':' || second == '.' || second == '=')) {
        p->pos += 2;
        return bracket_special(p, s, second, c);
    }
    p->pos++;
    *c = first;
    return 1;
}

static int bracket_body(struct re_parser *p, struct re_set *s)
{
    int first = 1;

    while (first || peek(p, 0) != ']') {
        int lo, hi, r;

        if (at_end(p))
            return fail(p, REG_EBRACK);
        if (first && peek(p, 0) == ']') {
            p->pos++;
            lo = ']';
            r = 1;
        } else if ((r = bracket_term(p, s, &lo)) < 0) {
            return -1;
        }
        first = 0;
        if (r == 0)
            continue;
        if (peek(p, 0) == '-' && peek(p, 1) && peek(p, 1) != ']') {
            p->pos++;
            if ((r = bracket_term(p, s, &hi)) < 0)
                return -1;
            if (r == 0 || hi < lo)
                return fail(p, REG_ERANGE);
        } else {
            hi = lo;
        }
        for (int c = lo; c <= hi; c++)
            set_add(s, c);
    }
    p->pos++;
    return 0;
}

/* A bracket expression; p->pos is just past '['. */
static int parse_bracket(struct re_parser *p)
{
    int negate = 0, index = new_set(p);
    struct re_set set;

    if (index < 0)
        return -1;
    memset(&set, 0, sizeof(set));
    if (peek(p, 0) == '^') {
        negate = 1;
        p->pos++;
    }
    if (bracket_body(p, &set) < 0)
        return -1;
    if (p->icase)
        set_fold_case(&set);
    if (negate) {
        for (int i = 0; i < 32; i++)
            set.bits[i] = ~set.bits[i];
        if (p->newline)
            set.bits['\n' >> 3] &= ~(1u << ('\n' & 7));
    }
    set.bits[0] &= ~1u; /* NUL ends the string, it is never matched */
    p->tree->sets[index] = set;
    return new_node(p, RN_SET, index, -1, -1);
}

/* \w \W \s \S: word bytes and white space, as GNU spells them. */
static int shorthand_set(struct re_parser *p, int letter)
{
    int index = new_set(p);
    struct re_set *s;

    if (index < 0)
        return -1;
    s = &p->tree->sets[index];
    for (int c = 1; c < 256; c++) {
        int in = tolower(letter) == 'w' ? re_is_word_byte(c) : isspace(c);
        if (in == !!islower(letter))
            set_add(s, c);
    }
    return new_node(p, RN_SET, index, -1, -1);
}

static int parse_alternation(struct re_parser *p);

static int parse_group(struct re_parser *p)
{
    int number, body;

    if (++p->depth > RE_MAX_DEPTH || p->tree->nsub >= RE_MAX_GROUPS)
        return fail(p, REG_ESPACE);
    number = ++p->tree->nsub;
    body = parse_alternation(p);
    if (body < 0)
        return -1;
    if (p->extended ? peek(p, 0) != ')' : (peek(p, 0) != '\\' || peek(p, 1) != ')'))
        return fail(p, REG_EPAREN);
    p->pos += p->extended ? 1 : 2;
    p->depth--;
    if (number < 10)
        p->closed[number] = 1;
    return new_node(p, RN_GROUP, number, body, -1);
}

static int backref(struct re_parser *p, int digit)
{
    int n = digit - '0';

    if (n > p->tree->nsub || !p->closed[n])
        return fail(p, REG_ESUBREG);
    p->tree->has_backref = 1;
    return new_node(p, RN_BACKREF, n, -1, -1);
}

/* The atom after a backslash; p->pos is just past it. */
static int parse_escape(struct re_parser *p)
{
    int c = peek(p, 0);

    if (!c)
        return fail(p, REG_EESCAPE);
    p->pos++;
    if (!p->extended && c == '(')
        return parse_group(p);
    if (c >= '1' && c <= '9')
        return backref(p, c);
    switch (c) {
    case '<':
        return new_node(p, RN_WORDBEG, 0, -1, -1);
    case '>':
        return new_node(p, RN_WORDEND, 0, -1, -1);
    case 'b':
        return new_node(p, RN_WORDB, 0, -1, -1);
    case 'B':
        return new_node(p, RN_NWORDB, 0, -1, -1);
    case 'w':
    case 'W':
    case 's':
    case 'S':
        return shorthand_set(p, c);
    default:
        return literal(p, c);
    }
}

/* Does the text at p->pos end a branch? */
static int branch_ends(const struct re_parser *p)
{
    int c = peek(p, 0);

    if (!c)
        return 1;
    if (p->extended)
        return c == '|' || (c == ')' && p->depth > 0);
    return c == '\\' && (peek(p, 1) == '|' || peek(p, 1) == ')');
}

/* Is the quantifier at p->pos one of * + ? or an interval? */
static int quantifier_here(const struct re_parser *p)
{
    int c = peek(p, 0);

    if (p->extended)
        return c == '*' || c == '+' || c == '?' || c == '{';
    if (c == '*')
        return 1;
    return c == '\\' && (peek(p, 1) == '{' || peek(p, 1) == '+' || peek(p, 1) == '?');
}

static int parse_atom(struct re_parser *p, int branch_start)
{
    int c = peek(p, 0);

    if (p->extended && quantifier_here(p))
        return fail(p, REG_BADRPT);
    if (!p->extended && c == '*' && branch_start) {
        p->pos++;
        return literal(p, '*');
    }
    if (!p->extended && c == '\\' && peek(p, 1) == '{')
        return fail(p, branch_start ? REG_BADRPT : REG_BADPAT);
    p->pos++;
    switch (c) {
    case '.':
        return new_node(p, RN_ANY, 0, -1, -1);
    case '[':
        return parse_bracket(p);
    case '\\':
        return parse_escape(p);
    case '(':
        if (p->extended)
            return parse_group(p);
        break;
    case '^':
        if (p->extended || branch_start)
            return new_node(p, RN_BOL, 0, -1, -1);
        break;
    case '$':
        if (p->extended || branch_ends(p))
            return new_node(p, RN_EOL, 0, -1, -1);
        break;
    }
    return literal(p, c);
}

static int parse_number(struct re_parser *p, int *value)
{
    int n = 0, digits = 0;

    while (isdigit(peek(p, 0))) {
        n = n * 10 + (peek(p, 0) - '0');
        if (n > RE_DUP_MAX)
            n = RE_DUP_MAX + 1;
        p->pos++;
        digits++;
    }
    *value = n;
    return digits;
}

/* An interval {m}, {m,}, {m,n} or {,n}; p->pos is just past the '{'. */
static int parse_interval(struct re_parser *p, int *min, int *max)
{
    int have_min = parse_number(p, min);

    *max = *min;
    if (peek(p, 0) == ',') {
        p->pos++;
        if (!parse_number(p, max))
            *max = -1;
        if (!have_min)
            *min = 0;
    } else if (!have_min) {
        return fail(p, REG_EBRACE);
    }
    if (p->extended ? peek(p, 0) != '}' : (peek(p, 0) != '\\' || peek(p, 1) != '}'))
        return fail(p, at_end(p) || (!p->extended && !peek(p, 1)) ? REG_EBRACE : REG_BADBR);
    p->pos += p->extended ? 1 : 2;
    if (*min > RE_DUP_MAX || *max > RE_DUP_MAX || (*max >= 0 && *max < *min))
        return fail(p, REG_BADBR);
    return 0;
}

static int parse_piece(struct re_parser *p, int branch_start)
{
    int node = parse_atom(p, branch_start), count = 0;

    if (node >= 0 && !p->extended && p->tree->nodes[node].kind == RN_BOL)
        return node; /* a BRE's "^*" is an anchor and a literal '*' */
    while (node >= 0 && quantifier_here(p)) {
        int min = 0, max = -1, c;

        if (++count > RE_MAX_DEPTH)
            return fail(p, REG_ESPACE);

        if (!p->extended && peek(p, 0) == '\\')
            p->pos++;
        c = p->pat[p->pos++];
        if (c == '+')
            min = 1;
        else if (c == '?')
            max = 1;
        else if (c == '{' && parse_interval(p, &min, &max) < 0)
            return -1;
        node = new_node(p, RN_REPEAT, 0, node, -1);
        if (node >= 0) {
            p->tree->nodes[node].min = min;
            p->tree->nodes[node].max = max;
        }
    }
    return node;
}

/*
 * Pieces are chained right-deep, CAT(a, CAT(b, c)), so that the compiler
 * can walk a long branch in a loop rather than by deep recursion.
 */
static int parse_branch(struct re_parser *p)
{
    int result = -2, tail = -1, branch_start = 1;

    while (!branch_ends(p)) {
        int piece = parse_piece(p, branch_start), cat;

        if (piece < 0)
            return -1;
        /* In a BRE, '*' right after a leading '^' is still a literal. */
        branch_start = !p->extended && p->tree->nodes[piece].kind == RN_BOL;
        if (result == -2) {
            result = piece;
            continue;
        }
        cat = new_node(p, RN_CAT, 0, tail < 0 ? result : p->tree->nodes[tail].right, piece);
        if (cat < 0)
            return -1;
        if (tail < 0)
            result = cat;
        else
            p->tree->nodes[tail].right = cat;
        tail = cat;
    }
    return result == -2 ? new_node(p, RN_EMPTY, 0, -1, -1) : result;
}

static int parse_alternation(struct re_parser *p)
{
    int result = parse_branch(p);

    while (result >= 0) {
        int right;

        if (p->extended && peek(p, 0) == '|')
            p->pos++;
        else if (!p->extended && peek(p, 0) == '\\' && peek(p, 1) == '|')
            p->pos += 2;
        else
            break;
        right = parse_branch(p);
        result = right < 0 ? -1 : new_node(p, RN_ALT, 0, result, right);
    }
    return result;
}

void re_tree_free(struct re_tree *tree)
{
    free(tree->nodes);
    free(tree->sets);
    memset(tree, 0, sizeof(*tree));
}

int re_parse(const char *pattern, int cflags, struct re_tree *tree)
{
    struct re_parser p;

    memset(&p, 0, sizeof(p));
    memset(tree, 0, sizeof(*tree));
    p.pat = (const unsigned char *)pattern;
    p.extended = !!(cflags & REG_EXTENDED);
    p.icase = !!(cflags & REG_ICASE);
    p.newline = !!(cflags & REG_NEWLINE);
    p.tree = tree;
    tree->root = parse_alternation(&p);
    if (tree->root >= 0 && !at_end(&p))
        fail(&p, REG_EPAREN); /* a ')' or '\)' without its '(' */
    if (p.err) {
        re_tree_free(tree);
        return p.err;
    }
    return 0;
}
