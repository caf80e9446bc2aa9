/*
 * sort: sort, merge (-m) or check (-c) text lines, in memory.
 *
 * Lines are compared key by key (-k, or the whole line when no key is
 * given); each key has its own flags (b d f i n r) or, if it has none,
 * the global ones. When every key ties, the whole lines decide (unless
 * -s or -u). The sort is a stable merge sort, so -m over sorted files
 * gives what merging would.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

enum {
    SK_BLANKS = 1 << 0,    /* b: skip leading blanks */
    SK_DICT = 1 << 1,      /* d: only blanks and alphanumerics */
    SK_FOLD = 1 << 2,      /* f: fold lower case to upper */
    SK_PRINTABLE = 1 << 3, /* i: only printable bytes */
    SK_NUMERIC = 1 << 4,   /* n: arithmetic value */
    SK_REVERSE = 1 << 5,   /* r */
};

struct sort_key {
    long field1, char1; /* start: field and byte in it (1-based) */
    long field2, char2; /* end: 0 for the end of the line / of the field */
    unsigned flags;
};

struct sort_line {
    char *text;
    size_t len;
};

static struct sort_key *keys;
static int nkeys;
static unsigned global_flags;
static int separator = -1; /* -t; -1: fields begin at blank-to-non-blank changes */
static int unique, stable;

static const char sort_synopsis[] =
    "[-cCmsu] [-bdfinr] [-t char] [-k key]... [-o output] [file ...]";

static unsigned parse_flags(const char **s, const char *spec)
{
    static const char letters[] = "bdfinr";
    unsigned flags = 0;
    const char *found;

    while (**s && (found = strchr(letters, **s))) {
        flags |= 1u << (found - letters);
        (*s)++;
    }
    if (**s && **s != ',')
        cmd_diex(2, "invalid key '%s'", spec);
    return flags;
}

static long parse_position_number(const char **s, const char *spec)
{
    char *end;
    long n;

    errno = 0;
    n = strtol(*s, &end, 10);
    if (end == *s || errno || n < 0)
        cmd_diex(2, "invalid key '%s'", spec);
    *s = end;
    return n;
}

/* -k F[.C][flags][,F[.C][flags]] */
static void add_key(const char *spec)
{
    struct sort_key k = { 0, 1, 0, 0, 0 };
    const char *s = spec;

    k.field1 = parse_position_number(&s, spec);
    if (*s == '.') {
        s++;
        k.char1 = parse_position_number(&s, spec);
    }
    if (k.field1 < 1 || k.char1 < 1)
        cmd_diex(2, "invalid key '%s': fields and characters are numbered from 1", spec);
    k.flags = parse_flags(&s, spec);
    if (*s == ',') {
        s++;
        k.field2 = parse_position_number(&s, spec);
        if (*s == '.') {
            s++;
            k.char2 = parse_position_number(&s, spec);
        }
        if (k.field2 < 1)
            cmd_diex(2, "invalid key '%s': fields are numbered from 1", spec);
        k.flags |= parse_flags(&s, spec);
    }
    if (!(keys = realloc(keys, (nkeys + 1) * sizeof(*keys))))
        cmd_diex(2, "out of memory");
    keys[nkeys++] = k;
}

/* Start of field n (1-based) of line, or its end if there are fewer fields. */
static const char *field_start(const char *p, const char *end, long n)
{
    for (long f = 1; f < n && p < end; f++) {
        if (separator >= 0) {
            while (p < end && *p != separator)
                p++;
            if (p < end)
                p++;
        } else {
            while (p < end && isblank((unsigned char)*p))
                p++;
            while (p < end && !isblank((unsigned char)*p))
                p++;
        }
    }
    return p;
}

static const char *field_end(const char *p, const char *end)
{
    if (separator >= 0) {
        while (p < end && *p != separator)
            p++;
        return p;
    }
    while (p < end && isblank((unsigned char)*p))
        p++;
    while (p < end && !isblank((unsigned char)*p))
        p++;
    return p;
}

static const char *skip_blanks(const char *p, const char *end)
{
    while (p < end && isblank((unsigned char)*p))
        p++;
    return p;
}

/* Locate key k in line: [*begin, *finish). */
static void find_key(const struct sort_key *k, unsigned flags, const struct sort_line *line,
                     const char **begin, const char **finish)
{
    const char *end = line->text + line->len, *b, *f;

    b = field_start(line->text, end, k->field1);
    if (flags & SK_BLANKS)
        b = skip_blanks(b, end);
    b = b + (k->char1 - 1) < end ? b + (k->char1 - 1) : end;
    if (k->field2 == 0) {
        f = end;
    } else {
        f = field_start(line->text, end, k->field2);
        if (k->char2 == 0) {
            f = field_end(f, end);
        } else {
            if (flags & SK_BLANKS)
                f = skip_blanks(f, end);
            f = f + k->char2 < end ? f + k->char2 : end;
        }
    }
    *begin = b;
    *finish = f < b ? b : f;
}

struct sort_number {
    int sign; /* -1, 0 or 1 */
    const char *digits, *fraction;
    size_t ndigits, nfraction;
};

/* Read [blanks][-]digits[.digits], without leading or trailing zeros. */
static struct sort_number parse_number(const char *p, const char *end)
{
    struct sort_number n = { 1, NULL, NULL, 0, 0 };

    p = skip_blanks(p, end);
    if (p < end && *p == '-') {
        n.sign = -1;
        p++;
    }
    while (p < end && *p == '0')
        p++;
    for (n.digits = p; p < end && isdigit((unsigned char)*p); p++)
        n.ndigits++;
    if (p < end && *p == '.')
        p++;
    for (n.fraction = p; p < end && isdigit((unsigned char)*p); p++)
        n.nfraction++;
    while (n.nfraction > 0 && n.fraction[n.nfraction - 1] == '0')
        n.nfraction--;
    if (n.ndigits == 0 && n.nfraction == 0)
        n.sign = 0;
    return n;
}

/* Compare two numbers as sort -n does (no exponents, no thousands separators). */
static int compare_numbers(const char *a, const char *aend, const char *b, const char *bend)
{
    struct sort_number x = parse_number(a, aend), y = parse_number(b, bend);
    size_t common = x.nfraction < y.nfraction ? x.nfraction : y.nfraction;
    int result;

    if (x.sign != y.sign)
        return x.sign < y.sign ? -1 : 1;
    if (x.ndigits != y.ndigits)
        result = x.ndigits < y.ndigits ? -1 : 1;
    else if (!(result = memcmp(x.digits, y.digits, x.ndigits)) &&
             !(result = memcmp(x.fraction, y.fraction, common)))
        result = (x.nfraction > common) - (y.nfraction > common);
    result = result < 0 ? -1 : result > 0;
    return x.sign < 0 ? -result : result;
}

static int skipped(int c, unsigned flags)
{
    if ((flags & SK_DICT) && !isblank(c) && !isalnum(c))
        return 1;
    return (flags & SK_PRINTABLE) && !isprint(c);
}

static int compare_text(const char *a, const char *aend, const char *b, const char *bend,
                        unsigned flags)
{
    for (;;) {
        int ca, cb;

        while (a < aend && skipped((unsigned char)*a, flags))
            a++;
        while (b < bend && skipped((unsigned char)*b, flags))
            b++;
        if (a == aend || b == bend)
            return (a != aend) - (b != bend);
        ca = (unsigned char)*a++;
        cb = (unsigned char)*b++;
        if (flags & SK_FOLD) {
            ca = toupper(ca);
            cb = toupper(cb);
        }
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
}

static int compare_key(const struct sort_key *k, const struct sort_line *x,
                       const struct sort_line *y)
{
    unsigned flags = k->flags ? k->flags : global_flags;
    const char *xb, *xe, *yb, *ye;
    int result;

    find_key(k, flags, x, &xb, &xe);
    find_key(k, flags, y, &yb, &ye);
    if (flags & SK_NUMERIC)
        result = compare_numbers(xb, xe, yb, ye);
    else
        result = compare_text(xb, xe, yb, ye, flags);
    return flags & SK_REVERSE ? -result : result;
}

/* Order of two lines by the keys only. */
static int compare_keys(const struct sort_line *x, const struct sort_line *y)
{
    static const struct sort_key whole_line = { 1, 1, 0, 0, 0 };
    int result;

    if (nkeys == 0)
        return compare_key(&whole_line, x, y);
    for (int i = 0; i < nkeys; i++)
        if ((result = compare_key(&keys[i], x, y)) != 0)
            return result;
    return 0;
}

static int compare_lines(const struct sort_line *x, const struct sort_line *y)
{
    int result = compare_keys(x, y);
    size_t n = x->len < y->len ? x->len : y->len;

    if (result || unique || stable)
        return result;
    result = memcmp(x->text, y->text, n);
    if (!result)
        result = (x->len > n) - (y->len > n);
    return global_flags & SK_REVERSE ? -result : result;
}

static void merge_sort(struct sort_line *lines, struct sort_line *scratch, size_t n)
{
    size_t half = n / 2, i = 0, j = half, k = 0;

    if (n < 2)
        return;
    merge_sort(lines, scratch, half);
    merge_sort(lines + half, scratch, n - half);
    while (i < half && j < n)
        scratch[k++] = compare_lines(&lines[j], &lines[i]) < 0 ? lines[j++] : lines[i++];
    while (i < half)
        scratch[k++] = lines[i++];
    while (j < n)
        scratch[k++] = lines[j++];
    memcpy(lines, scratch, n * sizeof(*lines));
}

struct sort_input {
    struct sort_line *lines;
    size_t n, cap;
};

static void read_lines(FILE *f, struct sort_input *in)
{
    int c;

    do {
        char *text = NULL;
        size_t len = 0, cap = 0;

        while ((c = getc(f)) != EOF && c != '\n') {
            if (len + 1 >= cap && !(text = realloc(text, cap = cap ? cap * 2 : 64)))
                cmd_diex(2, "out of memory");
            text[len++] = c;
        }
        if (c == EOF && len == 0)
            break;
        if (in->n == in->cap &&
            !(in->lines = realloc(in->lines,
                                  (in->cap = in->cap ? in->cap * 2 : 1024) * sizeof(*in->lines))))
            cmd_diex(2, "out of memory");
        in->lines[in->n].text = text ? text : "";
        in->lines[in->n++].len = len;
    } while (c != EOF);
}

/* -c / -C: report the first line out of order; status 1 if there is one. */
static int check_sorted(const struct sort_input *in, const char *name, int quiet)
{
    for (size_t i = 1; i < in->n; i++) {
        int result = compare_lines(&in->lines[i - 1], &in->lines[i]);

        if (result > 0 || (unique && result == 0)) {
            if (!quiet)
                fprintf(stderr, "%s: %s:%zu: disorder: %.*s\n", cmd_name, name, i + 1,
                        (int)in->lines[i].len, in->lines[i].text);
            return 1;
        }
    }
    return 0;
}

static void write_lines(const struct sort_input *in, const char *output)
{
    FILE *out = output ? fopen(output, "w") : stdout;

    if (!out)
        cmd_die(2, "%s", output);
    for (size_t i = 0; i < in->n; i++) {
        if (unique && i > 0 && compare_keys(&in->lines[i - 1], &in->lines[i]) == 0)
            continue;
        fwrite(in->lines[i].text, 1, in->lines[i].len, out);
        putc('\n', out);
    }
    if (fflush(out) == EOF || ferror(out))
        cmd_die(2, "%s", output ? output : "standard output");
}

int main(int argc, char **argv)
{
    struct sort_input in = { NULL, 0, 0 };
    struct sort_line *scratch;
    const char *output = NULL;
    int opt, check = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "cCmsubdfinrt:k:o:")) != -1) {
        const char *flag = strchr("bdfinr", opt);

        if (flag) {
            global_flags |= 1u << (flag - "bdfinr");
            continue;
        }
        switch (opt) {
        case 'c':
        case 'C':
            check = opt;
            break;
        case 'm':
            break; /* merging sorted input is what the stable sort does */
        case 's':
            stable = 1;
            break;
        case 'u':
            unique = 1;
            break;
        case 't':
            if (strlen(optarg) != 1)
                cmd_diex(2, "the separator must be a single character: '%s'", optarg);
            separator = (unsigned char)optarg[0];
            break;
        case 'k':
            add_key(optarg);
            break;
        case 'o':
            output = optarg;
            break;
        default:
            cmd_usage(sort_synopsis);
        }
    }
    if (optind == argc)
        read_lines(stdin, &in);
    for (int i = optind; i < argc; i++) {
        FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");

        if (!f)
            cmd_die(2, "%s", argv[i]);
        read_lines(f, &in);
        if (ferror(f))
            cmd_die(2, "%s", argv[i]);
        if (f != stdin)
            fclose(f);
    }
    if (check)
        return check_sorted(&in, optind < argc ? argv[optind] : "-", check == 'C');
    if (!(scratch = malloc((in.n ? in.n : 1) * sizeof(*scratch))))
        cmd_diex(2, "out of memory");
    merge_sort(in.lines, scratch, in.n);
    write_lines(&in, output);
    return 0;
}
