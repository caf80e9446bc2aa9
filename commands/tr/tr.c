/*
 * tr: translate, delete (-d) or squeeze (-s) bytes. Each operand is
 * expanded into a sequence of bytes (escapes, ranges a-z, classes
 * [:alpha:], [=c=], repeats [c*n] and [c*]); translation maps the i-th
 * byte of the first sequence to the i-th of the second, the second being
 * padded with its last byte.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

#define TR_MAX_SEQUENCE 65536

struct tr_sequence {
    unsigned char bytes[TR_MAX_SEQUENCE];
    int len;
    int fill_at; /* index of a [c*] to grow to the first operand's length, or -1 */
};

static void append(struct tr_sequence *seq, int c, long times, const char *operand)
{
    if (times < 0 || seq->len + times > TR_MAX_SEQUENCE)
        cmd_diex(1, "operand too long: '%s'", operand);
    for (long i = 0; i < times; i++)
        seq->bytes[seq->len++] = c;
}

/* One possibly escaped byte at *s. */
static int next_byte(const char **s)
{
    static const char escapes[] = "\\\\a\ab\bf\fn\nr\rt\tv\v";
    const char *p = *s;
    int value = 0;

    if (*p != '\\' || p[1] == '\0') {
        *s = p + 1;
        return (unsigned char)*p;
    }
    p++;
    if (*p >= '0' && *p <= '7') {
        for (int i = 0; i < 3 && *p >= '0' && *p <= '7'; i++)
            value = value * 8 + (*p++ - '0');
        *s = p;
        return value & 0xff;
    }
    *s = p + 1;
    for (const char *e = escapes; *e; e += 2)
        if (*e == *p)
            return (unsigned char)e[1];
    return (unsigned char)*p;
}

static const struct {
    const char *name;
    int (*test)(int);
} tr_classes[] = {
    { "alpha", isalpha }, { "digit", isdigit }, { "alnum", isalnum }, { "upper", isupper },
    { "lower", islower }, { "space", isspace }, { "blank", isblank }, { "punct", ispunct },
    { "print", isprint }, { "graph", isgraph }, { "cntrl", iscntrl }, { "xdigit", isxdigit },
};

/* [:name:] at s: append the class and return the text after it, or NULL. */
static const char *bracket_class(const char *s, struct tr_sequence *seq, const char *operand)
{
    const char *end = strstr(s + 2, ":]");

    if (!end)
        return NULL;
    for (size_t i = 0; i < sizeof(tr_classes) / sizeof(tr_classes[0]); i++) {
        if (strlen(tr_classes[i].name) == (size_t)(end - s - 2) &&
            !strncmp(s + 2, tr_classes[i].name, end - s - 2)) {
            for (int c = 0; c < 256; c++)
                if (tr_classes[i].test(c))
                    append(seq, c, 1, operand);
            return end + 2;
        }
    }
    cmd_diex(1, "invalid character class in '%s'", operand);
}

/* [c*n], [c*] or [=c=] at s; returns the text after it, or NULL if s is none of those. */
static const char *bracket_repeat(const char *s, struct tr_sequence *seq, const char *operand)
{
    const char *p = s + 1;
    int c = next_byte(&p);
    char *end;
    long times;

    if (s[1] == '=' && s[2] && s[3] == '=' && s[4] == ']') {
        append(seq, (unsigned char)s[2], 1, operand);
        return s + 5;
    }
    if (*p != '*')
        return NULL;
    p++;
    if (*p == ']') {
        seq->fill_at = seq->len;
        append(seq, c, 1, operand);
        return p + 1;
    }
    times = strtol(p, &end, *p == '0' ? 8 : 10);
    if (end == p || *end != ']')
        return NULL;
    append(seq, c, times, operand);
    return end + 1;
}

static void expand(const char *operand, struct tr_sequence *seq)
{
    const char *s = operand;

    seq->len = 0;
    seq->fill_at = -1;
    while (*s) {
        const char *after = NULL;
        int c, hi;

        if (s[0] == '[' && s[1] == ':')
            after = bracket_class(s, seq, operand);
        else if (s[0] == '[' && s[1])
            after = bracket_repeat(s, seq, operand);
        if (after) {
            s = after;
            continue;
        }
        c = next_byte(&s);
        if (s[0] == '-' && s[1]) {
            s++;
            hi = next_byte(&s);
            if (hi < c)
                cmd_diex(1, "range '%c-%c' is in reverse order", c, hi);
            for (; c <= hi; c++)
                append(seq, c, 1, operand);
        } else {
            append(seq, c, 1, operand);
        }
    }
}

static void complement(struct tr_sequence *seq)
{
    unsigned char in[256] = { 0 };

    for (int i = 0; i < seq->len; i++)
        in[seq->bytes[i]] = 1;
    seq->len = 0;
    for (int c = 0; c < 256; c++)
        if (!in[c])
            seq->bytes[seq->len++] = c;
}

/* Grow a [c*] in seq so that seq is as long as target_len. */
static void fill_repeat(struct tr_sequence *seq, int target_len)
{
    int extra = target_len - seq->len;

    if (seq->fill_at < 0 || extra <= 0)
        return;
    memmove(seq->bytes + seq->fill_at + extra, seq->bytes + seq->fill_at, seq->len - seq->fill_at);
    memset(seq->bytes + seq->fill_at, seq->bytes[seq->fill_at + extra], extra);
    seq->len = target_len;
}

static void run(const int *map, const unsigned char *squeeze)
{
    int c, last = EOF;

    while ((c = getchar()) != EOF) {
        if (map[c] < 0)
            continue;
        c = map[c];
        if (squeeze[c] && c == last)
            continue;
        putchar(c);
        last = c;
    }
}

int main(int argc, char **argv)
{
    static struct tr_sequence set1, set2;
    unsigned char squeeze[256] = { 0 };
    int map[256], opt, comp = 0, del = 0, sq = 0, nsets;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "cCds")) != -1) {
        if (opt == 'c' || opt == 'C')
            comp = 1;
        else if (opt == 'd')
            del = 1;
        else if (opt == 's')
            sq = 1;
        else
            cmd_usage("[-c] [-d] [-s] set1 [set2]");
    }
    nsets = argc - optind;
    if (nsets < 1 || nsets > 2 || (nsets == 2 && del && !sq) || (nsets == 1 && !del && !sq))
        cmd_usage("[-c] [-d] [-s] set1 [set2]");
    expand(argv[optind], &set1);
    if (comp)
        complement(&set1);
    if (nsets == 2)
        expand(argv[optind + 1], &set2);
    for (int c = 0; c < 256; c++)
        map[c] = c;
    if (del) {
        for (int i = 0; i < set1.len; i++)
            map[set1.bytes[i]] = -1;
    } else if (nsets == 2) {
        if (set2.len == 0)
            cmd_diex(1, "set2 must not be empty when translating");
        fill_repeat(&set2, set1.len);
        for (int i = 0; i < set1.len; i++)
            map[set1.bytes[i]] = set2.bytes[i < set2.len ? i : set2.len - 1];
    }
    if (sq) {
        const struct tr_sequence *last = nsets == 2 ? &set2 : &set1;

        for (int i = 0; i < last->len; i++)
            squeeze[last->bytes[i]] = 1;
    }
    run(map, squeeze);
    if (fflush(stdout) == EOF)
        cmd_die(1, "standard output");
    return 0;
}
