/*
 * printf: format and print the arguments.
 *
 *   printf format [argument...]
 *
 * The format takes the escapes \\ \a \b \f \n \r \t \v \ooo \xHH and the
 * conversions of printf(3) -- d i o u x X, f F e E g G a A, c s -- with
 * flags, widths and precisions (also given as *), plus %b (the argument
 * with its own escapes, where \c ends all output). When arguments are
 * left over, the format is used again for them. A numeric argument may
 * be decimal, 0x hex, 0 octal, or 'c for the character code of c; a bad
 * one is reported, counted as 0, and makes the exit status 1.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define SPEC_MAX 64

struct printf_state {
    char **args;
    int nargs, next;
    bool stop; /* \c seen */
    int status;
};

static const char *next_arg(struct printf_state *ps)
{
    return ps->next < ps->nargs ? ps->args[ps->next++] : NULL;
}

/* Check that strto* used all of text; report it otherwise. */
static void check_number(struct printf_state *ps, const char *text, const char *end)
{
    if (errno == ERANGE) {
        cmd_warnx("'%s': number out of range", text);
        ps->status = 1;
    } else if (end == text) {
        cmd_warnx("'%s': expected a numeric value", text);
        ps->status = 1;
    } else if (*end) {
        cmd_warnx("'%s': value not completely converted", text);
        ps->status = 1;
    }
}

/* 'c or "c: the code of c. */
static bool char_value(const char *text, intmax_t *value)
{
    if (text[0] != '\'' && text[0] != '"')
        return false;
    *value = (unsigned char)text[1];
    return true;
}

static intmax_t signed_arg(struct printf_state *ps)
{
    const char *text = next_arg(ps);
    intmax_t value;
    char *end;

    if (!text)
        return 0;
    if (char_value(text, &value))
        return value;
    errno = 0;
    value = strtoimax(text, &end, 0);
    check_number(ps, text, end);
    return value;
}

static uintmax_t unsigned_arg(struct printf_state *ps)
{
    const char *text = next_arg(ps);
    intmax_t cvalue;
    uintmax_t value;
    char *end;

    if (!text)
        return 0;
    if (char_value(text, &cvalue))
        return (uintmax_t)cvalue;
    errno = 0;
    value = strtoumax(text, &end, 0);
    check_number(ps, text, end);
    return value;
}

static double float_arg(struct printf_state *ps)
{
    const char *text = next_arg(ps);
    intmax_t cvalue;
    double value;
    char *end;

    if (!text)
        return 0;
    if (char_value(text, &cvalue))
        return (double)cvalue;
    errno = 0;
    value = strtod(text, &end);
    check_number(ps, text, end);
    return value;
}

/* The value of an octal escape of up to max digits at *p; advances *p. */
static int octal_escape(const char **p, int max)
{
    int value = 0;

    for (int i = 0; i < max && **p >= '0' && **p <= '7'; i++, (*p)++)
        value = value * 8 + (**p - '0');
    return value;
}

/*
 * Decode the escape after a backslash at *p into out, advancing *p; return
 * the bytes written (0 to 2). in_b: the rules of %b, where \0ddd takes up
 * to three digits after the 0 and \c sets ps->stop.
 */
static int decode_escape(struct printf_state *ps, const char **p, bool in_b, char out[2])
{
    static const char from[] = "\\abfnrtv\"";
    static const char to[] = "\\\a\b\f\n\r\t\v\"";
    const char *hit = **p ? strchr(from, **p) : NULL;

    if (hit) {
        (*p)++;
        out[0] = to[hit - from];
        return 1;
    }
    if (**p >= '0' && **p <= '7') {
        if (in_b && **p == '0')
            (*p)++;
        out[0] = (char)octal_escape(p, 3);
        return 1;
    }
    if (**p == 'x' && isxdigit((unsigned char)(*p)[1])) {
        int value = 0;
        (*p)++;
        for (int i = 0; i < 2 && isxdigit((unsigned char)**p); i++, (*p)++)
            value =
                value * 16 +
                (isdigit((unsigned char)**p) ? **p - '0' : tolower((unsigned char)**p) - 'a' + 10);
        out[0] = (char)value;
        return 1;
    }
    if (in_b && **p == 'c') {
        ps->stop = true;
        (*p)++;
        return 0;
    }
    out[0] = '\\';
    if (!**p)
        return 1;
    out[1] = *(*p)++;
    return 2;
}

/* A conversion specification: "%-08.3d" and the like. */
struct conversion {
    char flags[8];
    bool has_width, has_precision;
    int width, precision;
    char letter;
};

/* A width or precision: digits, or '*' taking an argument. */
static int parse_count(struct printf_state *ps, const char **p)
{
    int value = 0;

    if (**p == '*') {
        (*p)++;
        intmax_t arg = signed_arg(ps);
        return arg > 1000000 ? 1000000 : arg < -1000000 ? -1000000 : (int)arg;
    }
    for (; **p >= '0' && **p <= '9'; (*p)++)
        value = value < 1000000 ? value * 10 + (**p - '0') : value;
    return value;
}

static void parse_conversion(struct printf_state *ps, const char **p, struct conversion *c)
{
    size_t nflags = 0;

    memset(c, 0, sizeof *c);
    for (; **p && strchr("-+ #0", **p); (*p)++)
        if (nflags + 1 < sizeof c->flags && !strchr(c->flags, **p))
            c->flags[nflags++] = **p;
    if (**p == '*' || (**p >= '0' && **p <= '9')) {
        c->has_width = true;
        c->width = parse_count(ps, p);
    }
    if (**p == '.') {
        (*p)++;
        c->has_precision = true;
        c->precision = parse_count(ps, p);
    }
    c->letter = **p;
    if (**p)
        (*p)++;
}

/* Build the printf(3) format for c with the given length modifier. */
static void build_format(const struct conversion *c, const char *length, char *out)
{
    int n = snprintf(out, SPEC_MAX, "%%%s", c->flags);

    if (c->has_width)
        n += snprintf(out + n, (size_t)(SPEC_MAX - n), "%d", c->width);
    if (c->has_precision)
        n += snprintf(out + n, (size_t)(SPEC_MAX - n), ".%d", c->precision < 0 ? 0 : c->precision);
    snprintf(out + n, (size_t)(SPEC_MAX - n), "%s%c", length, c->letter);
}

/* Bytes to print under a width and precision, as %s would (NULs allowed). */
static void print_field(const struct conversion *c, const char *bytes, size_t len)
{
    bool left = strchr(c->flags, '-') != NULL || (c->has_width && c->width < 0);
    int width = c->width < 0 ? -c->width : c->width;

    if (c->has_precision && c->precision >= 0 && (size_t)c->precision < len)
        len = (size_t)c->precision;
    int pad = c->has_width && (size_t)width > len ? width - (int)len : 0;
    if (!left)
        printf("%*s", pad, "");
    fwrite(bytes, 1, len, stdout);
    if (left)
        printf("%*s", pad, "");
}

/* %b: the argument with its escapes, under the width and precision. */
static void print_b(struct printf_state *ps, const struct conversion *c)
{
    const char *p = next_arg(ps);
    size_t len = 0;
    char *buf;

    if (!p)
        p = "";
    buf = malloc(strlen(p) + 1);
    if (!buf)
        cmd_diex(1, "out of memory");
    while (*p && !ps->stop) {
        if (*p != '\\') {
            buf[len++] = *p++;
            continue;
        }
        p++;
        len += (size_t)decode_escape(ps, &p, true, buf + len);
    }
    print_field(c, buf, len);
    free(buf);
}

/* Print one conversion; false for an invalid one (reported). */
static bool print_conversion(struct printf_state *ps, const struct conversion *c, const char *start,
                             const char *end)
{
    char fmt[SPEC_MAX];
    const char *text;

    switch (c->letter) {
    case 'd':
    case 'i':
        build_format(c, "j", fmt);
        printf(fmt, signed_arg(ps));
        return true;
    case 'o':
    case 'u':
    case 'x':
    case 'X':
        build_format(c, "j", fmt);
        printf(fmt, unsigned_arg(ps));
        return true;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
        build_format(c, "", fmt);
        printf(fmt, float_arg(ps));
        return true;
    case 'c':
        text = next_arg(ps);
        print_field(c, text ? text : "", text && *text ? 1 : 0);
        return true;
    case 's':
        text = next_arg(ps);
        print_field(c, text ? text : "", text ? strlen(text) : 0);
        return true;
    case 'b':
        print_b(ps, c);
        return true;
    default:
        cmd_warnx("'%.*s': invalid conversion", (int)(end - start), start);
        ps->status = 1;
        return false;
    }
}

/* Go through the format once; false to stop (an invalid conversion). */
static bool print_format(struct printf_state *ps, const char *format)
{
    const char *p = format;
    char out[2];

    while (*p && !ps->stop) {
        if (*p == '\\') {
            p++;
            fwrite(out, 1, (size_t)decode_escape(ps, &p, false, out), stdout);
        } else if (p[0] == '%' && p[1] == '%') {
            putchar('%');
            p += 2;
        } else if (*p == '%') {
            const char *start = p++;
            struct conversion c;
            parse_conversion(ps, &p, &c);
            if (!print_conversion(ps, &c, start, p))
                return false;
        } else {
            putchar(*p++);
        }
    }
    return true;
}

int main(int argc, char **argv)
{
    struct printf_state ps = { 0 };
    int first = 1;

    cmd_setname(argv[0]);
    if (argc > 1 && strcmp(argv[1], "--") == 0)
        first = 2;
    if (first >= argc)
        cmd_usage("format [argument...]");
    ps.args = argv + first + 1;
    ps.nargs = argc - first - 1;
    /* Reuse the format while it takes arguments and some are left. */
    for (;;) {
        int before = ps.next;
        if (!print_format(&ps, argv[first]) || ps.stop || ps.next >= ps.nargs || ps.next == before)
            break;
    }
    if (fflush(stdout) != 0)
        cmd_die(1, "write error");
    return ps.status;
}
