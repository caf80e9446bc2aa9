/*
 * expr: evaluate an expression given as separate arguments and print it.
 * Exit status 0 when the result is neither empty nor 0, 1 when it is, 2
 * for an invalid expression, 3 for other errors.
 *
 * From the loosest to the tightest binding:
 *
 *   a | b           a if it is neither empty nor 0, else b (or 0)
 *   a & b           a if neither is empty or 0, else 0
 *   = > >= < <= !=  numeric when both are integers, else as strings
 *   + -   * / %     integers only
 *   s : re          anchored match of the basic regular expression re:
 *                   \1 when re has \( \), else the length matched
 *   match s re, substr s pos len, index s chars, length s, + token
 *   ( ... )
 */
#include <errno.h>
#include <inttypes.h>
#include <regex.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

struct value {
    bool is_int;
    intmax_t n;
    char *s; /* always set: the text of the value */
};

struct expr_parser {
    char **args;
    int count, pos;
};

static struct value parse_or(struct expr_parser *ep);

static _Noreturn void syntax_error(const char *detail, const char *word)
{
    if (word)
        cmd_diex(2, "syntax error: %s '%s'", detail, word);
    cmd_diex(2, "syntax error: %s", detail);
}

static char *copy_text(const char *s)
{
    char *copy = strdup(s);

    if (!copy)
        cmd_diex(3, "out of memory");
    return copy;
}

/* A value from text: an integer if it reads as one. */
static struct value from_text(const char *text)
{
    struct value v = { .s = copy_text(text) };
    const char *p = text + (*text == '-');
    char *end;

    if (*p >= '0' && *p <= '9' && strspn(p, "0123456789") == strlen(p)) {
        errno = 0;
        v.n = strtoimax(text, &end, 10);
        v.is_int = errno == 0;
    }
    return v;
}

static struct value from_int(intmax_t n)
{
    char text[32];

    snprintf(text, sizeof text, "%jd", n);
    return from_text(text);
}

/* Empty, or a string of zeros (with an optional minus): false. */
static bool is_null(const struct value *v)
{
    const char *p = v->s;

    if (*p == '\0')
        return true;
    p += *p == '-';
    return *p && strspn(p, "0") == strlen(p);
}

static const char *peek(const struct expr_parser *ep)
{
    return ep->pos < ep->count ? ep->args[ep->pos] : NULL;
}

static const char *take(struct expr_parser *ep, const char *after)
{
    if (ep->pos >= ep->count)
        syntax_error("missing argument after", after);
    return ep->args[ep->pos++];
}

static bool next_is(const struct expr_parser *ep, const char *word)
{
    return peek(ep) && strcmp(peek(ep), word) == 0;
}

/* s : re. */
static struct value match(const char *s, const char *pattern)
{
    regmatch_t m[2];
    regex_t re;
    int rc = regcomp(&re, pattern, 0);

    if (rc != 0) {
        char message[256];
        regerror(rc, &re, message, sizeof message);
        cmd_diex(2, "invalid regular expression '%s': %s", pattern, message);
    }
    bool matched = regexec(&re, s, 2, m, 0) == 0 && m[0].rm_so == 0;
    struct value result;
    if (re.re_nsub > 0) {
        char *sub = copy_text("");
        if (matched && m[1].rm_so >= 0) {
            free(sub);
            sub = copy_text(s + m[1].rm_so);
            sub[m[1].rm_eo - m[1].rm_so] = '\0';
        }
        result = (struct value){ .s = sub };
    } else {
        result = from_int(matched ? (intmax_t)m[0].rm_eo : 0);
    }
    regfree(&re);
    return result;
}

static struct value substr(const char *s, const struct value *pos, const struct value *len)
{
    intmax_t slen = (intmax_t)strlen(s);

    if (!pos->is_int || !len->is_int || pos->n < 1 || len->n < 1 || pos->n > slen)
        return from_text("");
    intmax_t take = len->n < slen - pos->n + 1 ? len->n : slen - pos->n + 1;
    char *part = copy_text(s + pos->n - 1);
    part[take] = '\0';
    struct value v = from_text(part);
    free(part);
    return v;
}

static struct value index_of(const char *s, const char *chars)
{
    size_t at = strcspn(s, chars);

    return from_int(s[at] ? (intmax_t)at + 1 : 0);
}

/* The keyword functions, and "+ token"; false when word is none of them. */
static bool parse_function(struct expr_parser *ep, const char *word, struct value *out)
{
    if (ep->pos >= ep->count)
        return false;
    if (strcmp(word, "+") == 0) {
        *out = (struct value){ .s = copy_text(take(ep, word)) };
    } else if (strcmp(word, "length") == 0) {
        *out = from_int((intmax_t)strlen(take(ep, word)));
    } else if (strcmp(word, "match") == 0) {
        const char *s = take(ep, word);
        *out = match(s, take(ep, s));
    } else if (strcmp(word, "index") == 0) {
        const char *s = take(ep, word);
        *out = index_of(s, take(ep, s));
    } else if (strcmp(word, "substr") == 0) {
        const char *s = take(ep, word);
        struct value pos = from_text(take(ep, s)), len = from_text(take(ep, pos.s));
        *out = substr(s, &pos, &len);
    } else {
        return false;
    }
    return true;
}

static struct value parse_primary(struct expr_parser *ep)
{
    const char *word = take(ep, ep->pos ? ep->args[ep->pos - 1] : "expr");
    struct value v;

    if (strcmp(word, "(") == 0) {
        v = parse_or(ep);
        if (!next_is(ep, ")"))
            syntax_error("expected ')' instead of", peek(ep) ? peek(ep) : "end");
        ep->pos++;
        return v;
    }
    if (parse_function(ep, word, &v))
        return v;
    return from_text(word);
}

static struct value parse_match(struct expr_parser *ep)
{
    struct value v = parse_primary(ep);

    while (next_is(ep, ":")) {
        ep->pos++;
        struct value re = parse_primary(ep);
        v = match(v.s, re.s);
    }
    return v;
}

static intmax_t arith(char op, const struct value *a, const struct value *b)
{
    bool overflow = false;
    intmax_t r = 0;

    if (!a->is_int || !b->is_int)
        cmd_diex(2, "non-integer argument");
    switch (op) {
    case '+':
        overflow = __builtin_add_overflow(a->n, b->n, &r);
        break;
    case '-':
        overflow = __builtin_sub_overflow(a->n, b->n, &r);
        break;
    case '*':
        overflow = __builtin_mul_overflow(a->n, b->n, &r);
        break;
    default:
        if (b->n == 0)
            cmd_diex(2, "division by zero");
        if (a->n == INTMAX_MIN && b->n == -1)
            overflow = true;
        else
            r = op == '/' ? a->n / b->n : a->n % b->n;
    }
    if (overflow)
        cmd_diex(3, "integer overflow");
    return r;
}

static struct value parse_product(struct expr_parser *ep)
{
    struct value v = parse_match(ep);

    while (next_is(ep, "*") || next_is(ep, "/") || next_is(ep, "%")) {
        const char *op = ep->args[ep->pos++];
        struct value rhs = parse_match(ep);
        v = from_int(arith(op[0], &v, &rhs));
    }
    return v;
}

static struct value parse_sum(struct expr_parser *ep)
{
    struct value v = parse_product(ep);

    while (next_is(ep, "+") || next_is(ep, "-")) {
        const char *op = ep->args[ep->pos++];
        struct value rhs = parse_product(ep);
        v = from_int(arith(op[0], &v, &rhs));
    }
    return v;
}

static bool is_comparison(const char *word)
{
    static const char *const ops[] = { "=", "==", "!=", "<", "<=", ">", ">=", NULL };

    for (const char *const *op = ops; word && *op; op++)
        if (strcmp(word, *op) == 0)
            return true;
    return false;
}

static struct value parse_compare(struct expr_parser *ep)
{
    struct value v = parse_sum(ep);

    while (is_comparison(peek(ep))) {
        const char *op = ep->args[ep->pos++];
        struct value rhs = parse_sum(ep);
        int cmp = v.is_int && rhs.is_int ? (v.n > rhs.n) - (v.n < rhs.n) : strcoll(v.s, rhs.s);
        bool result = op[0] == '='   ? cmp == 0
                      : op[0] == '!' ? cmp != 0
                      : op[0] == '<' ? (op[1] ? cmp <= 0 : cmp < 0)
                                     : (op[1] ? cmp >= 0 : cmp > 0);
        v = from_int(result);
    }
    return v;
}

static struct value parse_and(struct expr_parser *ep)
{
    struct value v = parse_compare(ep);

    while (next_is(ep, "&")) {
        ep->pos++;
        struct value rhs = parse_compare(ep);
        if (is_null(&v) || is_null(&rhs))
            v = from_int(0);
    }
    return v;
}

static struct value parse_or(struct expr_parser *ep)
{
    struct value v = parse_and(ep);

    while (next_is(ep, "|")) {
        ep->pos++;
        struct value rhs = parse_and(ep);
        if (is_null(&v))
            v = is_null(&rhs) ? from_int(0) : rhs;
    }
    return v;
}

int main(int argc, char **argv)
{
    struct expr_parser ep = { argv + 1, argc - 1, 0 };

    cmd_setname(argv[0]);
    if (ep.count > 0 && strcmp(ep.args[0], "--") == 0) {
        ep.args++;
        ep.count--;
    }
    if (ep.count == 0)
        cmd_usage("expression");
    struct value v = parse_or(&ep);
    if (ep.pos < ep.count)
        syntax_error("unexpected argument", ep.args[ep.pos]);
    printf("%s\n", v.s);
    if (fflush(stdout) != 0)
        cmd_die(3, "write error");
    return is_null(&v) ? 1 : 0;
}
