/*
 * Arithmetic by precedence climbing over a tiny tokenizer. All operators
 * of C on long integers, assignments and ++/-- included. A `skip` count
 * turns off side effects and division errors in the branches that &&, ||
 * and ?: do not take. Arithmetic wraps around like unsigned machine
 * arithmetic, so no input can trap (LONG_MIN / -1 included). A variable
 * whose value is not a number is evaluated as an expression in turn.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "arith.h"
#include "error.h"
#include "parse.h"
#include "var.h"

#define MAX_ARITH_DEPTH 200

struct arith {
    const char *text; /* the whole expression, for messages */
    const char *p;
    int skip;  /* > 0 inside a branch that is not evaluated */
    int depth; /* recursion, for the limit */
    bool failed;
    const char *peeked_at; /* peek_op() remembers its last answer */
    const char *peeked;
};

static long parse_comma(struct arith *a);
static long parse_assign(struct arith *a);

static long fail(struct arith *a, const char *what)
{
    if (!a->failed)
        sh_error("arithmetic: %s in '%.60s%s'", what, a->text, strlen(a->text) > 60 ? "..." : "");
    a->failed = true;
    return 0;
}

static void skip_space(struct arith *a)
{
    while (isspace((unsigned char)*a->p))
        a->p++;
}

static const char *const operators[] = {
    "<<=", ">>=", "&&", "||", "==", "!=", "<=", ">=", "<<", ">>", "++", "--", "+=",
    "-=",  "*=",  "/=", "%=", "&=", "^=", "|=", "+",  "-",  "*",  "/",  "%",  "<",
    ">",   "&",   "|",  "^",  "!",  "~",  "?",  ":",  "=",  "(",  ")",  ",",
};

/* The operator at the current position, or NULL. */
static const char *peek_op(struct arith *a)
{
    skip_space(a);
    if (a->peeked_at == a->p)
        return a->peeked;
    a->peeked_at = a->p;
    a->peeked = NULL;
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        if (a->p[0] == operators[i][0] && strncmp(a->p, operators[i], strlen(operators[i])) == 0) {
            a->peeked = operators[i];
            break;
        }
    }
    return a->peeked;
}

static bool accept_op(struct arith *a, const char *op)
{
    const char *found = peek_op(a);

    if (!found || strcmp(found, op) != 0)
        return false;
    a->p += strlen(op);
    return true;
}

static size_t name_length(const char *s)
{
    size_t n = 0;

    if (!(isalpha((unsigned char)*s) || *s == '_'))
        return 0;
    while (isalnum((unsigned char)s[n]) || s[n] == '_')
        n++;
    return n;
}

/* A number in C syntax: decimal, 0x hex or 0 octal. */
static bool parse_number(const char *s, const char **end, long *value)
{
    unsigned long n = 0;
    int base = 10;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit((unsigned char)s[2])) {
        base = 16;
        s += 2;
    } else if (s[0] == '0') {
        base = 8;
    }
    if (!isalnum((unsigned char)*s))
        return false;
    for (; isalnum((unsigned char)*s) || *s == '_'; s++) {
        int d = isdigit((unsigned char)*s) ? *s - '0' : tolower((unsigned char)*s) - 'a' + 10;

        if (d >= base || *s == '_')
            return false;
        n = n * (unsigned long)base + (unsigned long)d;
    }
    *end = s;
    *value = (long)n;
    return true;
}

/* The value of a variable: empty or unset is 0, otherwise an expression. */
static long variable_value(struct arith *a, const char *name)
{
    const char *value = var_get(name);
    const char *end;
    long n;

    if (!value || !*value)
        return 0;
    while (isspace((unsigned char)*value))
        value++;
    if (parse_number(value, &end, &n)) {
        while (isspace((unsigned char)*end))
            end++;
        if (!*end)
            return n;
    }
    if (a->depth > MAX_ARITH_DEPTH)
        return fail(a, "expression recursion too deep");
    struct arith sub = { .text = value, .p = value, .skip = a->skip, .depth = a->depth + 10 };
    n = parse_comma(&sub);
    skip_space(&sub);
    if (!sub.failed && *sub.p)
        fail(&sub, "syntax error");
    a->failed |= sub.failed;
    return n;
}

static long assign_value(struct arith *a, const char *name, long value)
{
    if (a->skip)
        return value;
    if (var_set_int(name, value) < 0)
        a->failed = true;
    return value;
}

/* A name: its value, with a postfix ++ or -- applied. */
static long parse_name(struct arith *a, size_t len)
{
    char *name = xstrndup(a->p, len);
    long value;

    a->p += len;
    value = variable_value(a, name);
    if (accept_op(a, "++"))
        assign_value(a, name, (long)((unsigned long)value + 1));
    else if (accept_op(a, "--"))
        assign_value(a, name, (long)((unsigned long)value - 1));
    free(name);
    return value;
}

static long parse_primary(struct arith *a)
{
    const char *end;
    size_t len;
    long value;

    skip_space(a);
    if (accept_op(a, "(")) {
        value = parse_comma(a);
        if (!accept_op(a, ")"))
            return fail(a, "missing ')'");
        return value;
    }
    if (parse_number(a->p, &end, &value)) {
        a->p = end;
        return value;
    }
    if ((len = name_length(a->p)) > 0)
        return parse_name(a, len);
    if (isdigit((unsigned char)*a->p))
        return fail(a, "bad number");
    return fail(a, *a->p ? "syntax error" : "missing operand");
}

/* ++x and --x */
static long parse_preincrement(struct arith *a, long delta)
{
    size_t len;
    char *name;
    long value;

    skip_space(a);
    len = name_length(a->p);
    if (!len)
        return fail(a, "++ or -- needs a variable");
    name = xstrndup(a->p, len);
    a->p += len;
    value = (long)((unsigned long)variable_value(a, name) + (unsigned long)delta);
    assign_value(a, name, value);
    free(name);
    return value;
}

static long parse_unary(struct arith *a)
{
    long value;

    if (++a->depth > MAX_ARITH_DEPTH)
        return fail(a, "expression too deeply nested");
    if (accept_op(a, "++"))
        value = parse_preincrement(a, 1);
    else if (accept_op(a, "--"))
        value = parse_preincrement(a, -1);
    else if (accept_op(a, "+"))
        value = parse_unary(a);
    else if (accept_op(a, "-"))
        value = (long)(0UL - (unsigned long)parse_unary(a));
    else if (accept_op(a, "!"))
        value = !parse_unary(a);
    else if (accept_op(a, "~"))
        value = ~parse_unary(a);
    else
        value = parse_primary(a);
    a->depth--;
    return value;
}

/* The binary operators by precedence, loosest first. */
static const char *const levels[][5] = {
    { "||" },
    { "&&" },
    { "|" },
    { "^" },
    { "&" },
    { "==", "!=" },
    { "<", "<=", ">", ">=" },
    { "<<", ">>" },
    { "+", "-" },
    { "*", "/", "%" },
};

#define NLEVELS (int)(sizeof levels / sizeof levels[0])

static long divide(struct arith *a, long x, long y, bool modulo)
{
    if (y == 0)
        return a->skip ? 0 : fail(a, "division by zero");
    if (y == -1)
        return modulo ? 0 : (long)(0UL - (unsigned long)x);
    return modulo ? x % y : x / y;
}

static long apply_binary(struct arith *a, const char *op, long x, long y)
{
    unsigned long ux = (unsigned long)x, uy = (unsigned long)y;

    switch (op[0]) {
    case '|':
        return op[1] ? (x || y) : (long)(ux | uy);
    case '&':
        return op[1] ? (x && y) : (long)(ux & uy);
    case '^':
        return (long)(ux ^ uy);
    case '=':
        return x == y;
    case '!':
        return x != y;
    case '<':
        if (op[1] == '<')
            return (long)(ux << (uy & 63));
        return op[1] ? x <= y : x < y;
    case '>':
        if (op[1] == '>')
            return x >> (uy & 63);
        return op[1] ? x >= y : x > y;
    case '+':
        return (long)(ux + uy);
    case '-':
        return (long)(ux - uy);
    case '*':
        return (long)(ux * uy);
    default:
        return divide(a, x, y, op[0] == '%');
    }
}

/* Which operator of this level is next (not the start of a longer one)? */
static const char *level_op(struct arith *a, int level)
{
    const char *op = peek_op(a);

    if (!op)
        return NULL;
    for (int i = 0; i < 5 && levels[level][i]; i++) {
        if (strcmp(op, levels[level][i]) == 0)
            return op;
    }
    return NULL;
}

static long parse_binary(struct arith *a, int level)
{
    long x;
    const char *op;

    if (level == NLEVELS)
        return parse_unary(a);
    x = parse_binary(a, level + 1);
    while (!a->failed && (op = level_op(a, level))) {
        bool lazy = (strcmp(op, "&&") == 0 && !x) || (strcmp(op, "||") == 0 && x);
        long y;

        a->p += strlen(op);
        a->skip += lazy;
        y = parse_binary(a, level + 1);
        a->skip -= lazy;
        x = lazy ? (op[0] == '|') : apply_binary(a, op, x, y);
    }
    return x;
}

static long parse_conditional(struct arith *a)
{
    long cond, yes, no;

    if (a->depth > MAX_ARITH_DEPTH)
        return fail(a, "expression too deeply nested");
    cond = parse_binary(a, 0);
    if (a->failed || !accept_op(a, "?"))
        return cond;
    a->depth++;
    a->skip += !cond;
    yes = parse_comma(a);
    a->skip -= !cond;
    if (!accept_op(a, ":"))
        return fail(a, "missing ':'");
    a->skip += !!cond;
    no = parse_conditional(a);
    a->skip -= !!cond;
    a->depth--;
    return cond ? yes : no;
}

static const char *const assign_ops[] = {
    "=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|=",
};

/* name op= value, or a conditional expression. */
static long parse_assign(struct arith *a)
{
    const char *start, *op;
    size_t len;

    skip_space(a);
    start = a->p;
    len = name_length(a->p);
    if (len) {
        a->p += len;
        op = peek_op(a);
        for (size_t i = 0; op && i < sizeof assign_ops / sizeof assign_ops[0]; i++) {
            if (strcmp(op, assign_ops[i]) != 0)
                continue;
            char *name = xstrndup(start, len);
            long value;

            a->p += strlen(op);
            a->depth++;
            value = a->depth > MAX_ARITH_DEPTH ? fail(a, "expression too deeply nested")
                                               : parse_assign(a);
            a->depth--;
            if (op[0] != '=' && !a->failed) {
                char binop[3] = { op[0], op[1] == '=' ? 0 : op[1], 0 };

                value = apply_binary(a, binop, variable_value(a, name), value);
            }
            if (!a->failed)
                assign_value(a, name, value);
            free(name);
            return value;
        }
        a->p = start;
    }
    return parse_conditional(a);
}

static long parse_comma(struct arith *a)
{
    long value = parse_assign(a);

    while (!a->failed && accept_op(a, ","))
        value = parse_assign(a);
    return value;
}

int arith_eval(const char *expr, long *result)
{
    struct arith a = { .text = expr, .p = expr };
    long value;

    skip_space(&a);
    if (!*a.p) {
        *result = 0;
        return 0;
    }
    value = parse_comma(&a);
    skip_space(&a);
    if (!a.failed && *a.p)
        fail(&a, "syntax error");
    if (a.failed)
        return -1;
    *result = value;
    return 0;
}
