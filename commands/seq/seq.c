/*
 * seq: print a sequence of numbers.
 *
 *   seq [-w] [-s separator] [first [increment]] last
 *
 * Numbers are decimals ("-1.5"). Each is printed with as many decimals as
 * the most precise of first and increment. The arithmetic is exact: all
 * values are integers counted in units of the last decimal place, so
 * "seq 0 0.1 1" ends at 1.0 instead of stopping short from rounding.
 * -w pads with zeros to equal width.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define SEQ_USAGE    "[-w] [-s separator] [first [increment]] last"
#define MAX_DECIMALS 18

enum rounding {
    ROUND_DOWN,
    ROUND_UP,
};

/* Digits after the decimal point of a number as written (-1 if it is not one). */
static int decimals_of(const char *text)
{
    const char *p = text;
    int digits = 0, decimals = 0;

    if (*p == '+' || *p == '-')
        p++;
    for (; *p >= '0' && *p <= '9'; p++)
        digits++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++, decimals++)
            digits++;
    return digits && !*p ? decimals : -1;
}

/* Multiply-add with overflow checks, for parsing. */
static bool grow(intmax_t *value, int digit)
{
    if (*value > (INTMAX_MAX - digit) / 10)
        return false;
    *value = *value * 10 + digit;
    return true;
}

/* text in units of 10^-scale, rounded as asked when it has more decimals. */
static bool parse_scaled(const char *text, int scale, enum rounding rounding, intmax_t *out)
{
    const char *p = text;
    bool negative = *p == '-', inexact = false;
    intmax_t value = 0;
    int decimals = 0;

    if (*p == '+' || *p == '-')
        p++;
    for (; *p >= '0' && *p <= '9'; p++)
        if (!grow(&value, *p - '0'))
            return false;
    if (*p == '.')
        p++;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (decimals == scale) {
            inexact |= *p != '0';
            continue;
        }
        if (!grow(&value, *p - '0'))
            return false;
        decimals++;
    }
    for (; decimals < scale; decimals++)
        if (!grow(&value, 0))
            return false;
    /* Round the magnitude so that the signed value goes the asked way. */
    if (inexact && (rounding == ROUND_UP) != negative)
        value++;
    *out = negative ? -value : value;
    return true;
}

/* Format value (in units of 10^-scale) with scale decimals. */
static void format_scaled(intmax_t value, int scale, char *out, size_t len)
{
    uintmax_t magnitude = value < 0 ? -(uintmax_t)value : (uintmax_t)value;
    uintmax_t unit = 1;

    for (int i = 0; i < scale; i++)
        unit *= 10;
    if (scale == 0)
        snprintf(out, len, "%s%ju", value < 0 ? "-" : "", magnitude);
    else
        snprintf(out, len, "%s%ju.%0*ju", value < 0 ? "-" : "", magnitude / unit, scale,
                 magnitude % unit);
}

/* Print with zeros after any sign up to width. */
static void print_padded(const char *text, int width)
{
    int pad = width - (int)strlen(text);

    if (*text == '-')
        putchar(*text++);
    for (; pad > 0; pad--)
        putchar('0');
    fputs(text, stdout);
}

struct seq_opts {
    const char *separator;
    bool equal_width;
};

static int parse_options(int argc, char **argv, struct seq_opts *opts)
{
    int i = 1;

    for (; i < argc && argv[i][0] == '-' && decimals_of(argv[i]) < 0; i++) {
        if (strcmp(argv[i], "--") == 0)
            return i + 1;
        if (strcmp(argv[i], "-w") == 0)
            opts->equal_width = true;
        else if (strncmp(argv[i], "-s", 2) == 0 && (argv[i][2] || i + 1 < argc))
            opts->separator = argv[i][2] ? argv[i] + 2 : argv[++i];
        else
            cmd_usage(SEQ_USAGE);
    }
    return i;
}

int main(int argc, char **argv)
{
    struct seq_opts opts = { .separator = "\n" };
    const char *first = "1", *incr = "1", *last;
    intmax_t f, inc, l;

    cmd_setname(argv[0]);
    int i = parse_options(argc, argv, &opts), n = argc - i;
    if (n < 1 || n > 3)
        cmd_usage(SEQ_USAGE);
    last = argv[argc - 1];
    if (n >= 2)
        first = argv[i];
    if (n == 3)
        incr = argv[i + 1];
    for (const char *const *p = (const char *const[]){ first, incr, last, NULL }; *p; p++)
        if (decimals_of(*p) < 0)
            cmd_diex(1, "invalid number '%s'", *p);

    int scale = decimals_of(first) > decimals_of(incr) ? decimals_of(first) : decimals_of(incr);
    if (scale > MAX_DECIMALS || !parse_scaled(first, scale, ROUND_DOWN, &f) ||
        !parse_scaled(incr, scale, ROUND_DOWN, &inc) ||
        !parse_scaled(last, scale, incr[0] == '-' ? ROUND_UP : ROUND_DOWN, &l))
        cmd_diex(1, "numbers out of range");
    if (inc == 0)
        cmd_diex(1, "the increment must not be zero");
    if ((inc > 0 && f > l) || (inc < 0 && f < l))
        return 0;

    /* The last value printed, for -w's width; the count avoids overflow. */
    uintmax_t steps = inc > 0 ? ((uintmax_t)l - (uintmax_t)f) / (uintmax_t)inc
                              : ((uintmax_t)f - (uintmax_t)l) / (-(uintmax_t)inc);
    char text[64], end_text[64];
    format_scaled(f, scale, text, sizeof text);
    format_scaled((intmax_t)((uintmax_t)f + steps * (uintmax_t)inc), scale, end_text,
                  sizeof end_text);
    int width = opts.equal_width
                    ? (int)(strlen(text) > strlen(end_text) ? strlen(text) : strlen(end_text))
                    : 0;
    for (uintmax_t k = 0; k <= steps; k++) {
        format_scaled((intmax_t)((uintmax_t)f + k * (uintmax_t)inc), scale, text, sizeof text);
        if (k)
            fputs(opts.separator, stdout);
        print_padded(text, width);
    }
    putchar('\n');
    return fflush(stdout) == 0 ? 0 : 1;
}
