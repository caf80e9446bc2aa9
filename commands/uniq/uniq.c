/*
 * uniq: collapse adjacent repeated lines. Lines are compared after
 * skipping -f fields and then -s characters, optionally ignoring case.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmd.h"

struct uniq_options {
    int count, only_repeated, only_unique, ignore_case;
    long skip_fields, skip_chars;
};

struct uniq_line {
    char *text;
    size_t len, cap;
};

/* Read one line, newline included; 0 at end of input. */
static int read_line(FILE *f, struct uniq_line *line)
{
    int c;

    line->len = 0;
    while ((c = getc(f)) != EOF) {
        if (line->len + 2 > line->cap) {
            size_t cap = line->cap ? line->cap * 2 : 256;
            char *grown = realloc(line->text, cap);

            if (!grown)
                cmd_diex(2, "out of memory");
            line->text = grown;
            line->cap = cap;
        }
        line->text[line->len++] = c;
        if (c == '\n')
            break;
    }
    if (line->len == 0)
        return 0;
    if (line->text[line->len - 1] != '\n')
        line->text[line->len++] = '\n';
    line->text[line->len] = '\0';
    return 1;
}

/* The part of a line that is compared. */
static const char *compared_part(const char *s, const struct uniq_options *o)
{
    for (long i = 0; i < o->skip_fields; i++) {
        while (*s == ' ' || *s == '\t')
            s++;
        while (*s && *s != ' ' && *s != '\t' && *s != '\n')
            s++;
    }
    for (long i = 0; i < o->skip_chars && *s && *s != '\n'; i++)
        s++;
    return s;
}

static int same_line(const char *a, const char *b, const struct uniq_options *o)
{
    a = compared_part(a, o);
    b = compared_part(b, o);
    return (o->ignore_case ? strcasecmp(a, b) : strcmp(a, b)) == 0;
}

static void emit(FILE *out, const struct uniq_line *line, long repeats,
                 const struct uniq_options *o)
{
    if ((o->only_repeated && repeats < 2) || (o->only_unique && repeats > 1))
        return;
    if (o->count)
        fprintf(out, "%7ld ", repeats);
    fputs(line->text, out);
}

static void uniq_stream(FILE *in, FILE *out, const struct uniq_options *o)
{
    struct uniq_line current = { 0 }, next = { 0 };
    long repeats;

    if (!read_line(in, &current))
        return;
    for (repeats = 1; read_line(in, &next);) {
        struct uniq_line swap;

        if (same_line(current.text, next.text, o)) {
            repeats++;
            continue;
        }
        emit(out, &current, repeats, o);
        swap = current;
        current = next;
        next = swap;
        repeats = 1;
    }
    emit(out, &current, repeats, o);
    free(current.text);
    free(next.text);
}

static long parse_number(const char *text)
{
    char *end;
    long n;

    errno = 0;
    n = strtol(text, &end, 10);
    if (errno || end == text || *end || n < 0)
        cmd_diex(2, "invalid number: '%s'", text);
    return n;
}

int main(int argc, char **argv)
{
    struct uniq_options o = { 0 };
    FILE *in = stdin, *out = stdout;
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "cdiuf:s:")) != -1) {
        switch (opt) {
        case 'c':
            o.count = 1;
            break;
        case 'd':
            o.only_repeated = 1;
            break;
        case 'u':
            o.only_unique = 1;
            break;
        case 'i':
            o.ignore_case = 1;
            break;
        case 'f':
            o.skip_fields = parse_number(optarg);
            break;
        case 's':
            o.skip_chars = parse_number(optarg);
            break;
        default:
            cmd_usage("[-c | -d | -u] [-i] [-f fields] [-s chars] [input [output]]");
        }
    }
    if (argc - optind > 2)
        cmd_usage("[-c | -d | -u] [-i] [-f fields] [-s chars] [input [output]]");
    if (optind < argc && strcmp(argv[optind], "-") != 0 && !(in = fopen(argv[optind], "r")))
        cmd_die(1, "%s", argv[optind]);
    if (optind + 1 < argc && !(out = fopen(argv[optind + 1], "w")))
        cmd_die(1, "%s", argv[optind + 1]);
    uniq_stream(in, out, &o);
    if (ferror(in))
        cmd_die(1, "%s", optind < argc ? argv[optind] : "standard input");
    if (fflush(out) == EOF || ferror(out))
        cmd_die(1, "%s", optind + 1 < argc ? argv[optind + 1] : "standard output");
    return 0;
}
