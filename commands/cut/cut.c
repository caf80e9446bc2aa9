/*
 * cut: select bytes (-b), characters (-c, bytes here: the C locale) or
 * delimited fields (-f, -d, -s) from each line. The list "1,3-5,7-" is
 * turned into a table of selected positions plus an open-ended tail.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

#define CUT_MAX_POSITION 1000000

struct cut_list {
    unsigned char *selected; /* selected[i] for position i (1-based) */
    long size;               /* positions 1..size-1 have entries */
    long open_from;          /* every position >= open_from is selected; 0 if none */
};

static const char cut_synopsis[] = "-b list | -c list | -f list [-d delim] [-s] [file ...]";

static int is_selected(const struct cut_list *l, long pos)
{
    if (l->open_from && pos >= l->open_from)
        return 1;
    return pos < l->size && l->selected[pos];
}

static long parse_position(const char **s, const char *list)
{
    char *end;
    long n;

    errno = 0;
    n = strtol(*s, &end, 10);
    if (end == *s || errno || n > CUT_MAX_POSITION)
        cmd_diex(2, "invalid list: '%s'", list);
    if (n < 1)
        cmd_diex(2, "invalid list '%s': positions are numbered from 1", list);
    *s = end;
    return n;
}

static void select_range(struct cut_list *l, long lo, long hi, const char *list)
{
    if (hi < lo)
        cmd_diex(2, "invalid list '%s': decreasing range", list);
    if (hi >= l->size) {
        unsigned char *grown = realloc(l->selected, hi + 1);

        if (!grown)
            cmd_diex(2, "out of memory");
        memset(grown + l->size, 0, hi + 1 - l->size);
        l->selected = grown;
        l->size = hi + 1;
    }
    memset(l->selected + lo, 1, hi - lo + 1);
}

static void parse_list(const char *list, struct cut_list *l)
{
    const char *s = list;

    for (;;) {
        long lo = 1, hi;

        if (*s != '-')
            lo = parse_position(&s, list);
        if (*s == '-') {
            s++;
            if (*s == ',' || *s == '\0') {
                if (!l->open_from || lo < l->open_from)
                    l->open_from = lo;
                hi = 0;
            } else {
                hi = parse_position(&s, list);
            }
        } else {
            hi = lo;
        }
        if (hi)
            select_range(l, lo, hi, list);
        if (*s == '\0')
            return;
        if (*s++ != ',')
            cmd_diex(2, "invalid list: '%s'", list);
    }
}

static void cut_bytes(const char *line, size_t len, const struct cut_list *l)
{
    for (size_t i = 0; i < len; i++)
        if (is_selected(l, (long)i + 1))
            putchar(line[i]);
    putchar('\n');
}

static void cut_fields(const char *line, size_t len, const struct cut_list *l, int delim,
                       int only_delimited)
{
    long field = 1;
    int printed = 0;

    if (!memchr(line, delim, len)) {
        if (!only_delimited) {
            fwrite(line, 1, len, stdout);
            putchar('\n');
        }
        return;
    }
    for (size_t start = 0; start <= len; field++) {
        const char *next = memchr(line + start, delim, len - start);
        size_t end = next ? (size_t)(next - line) : len;

        if (is_selected(l, field)) {
            if (printed++)
                putchar(delim);
            fwrite(line + start, 1, end - start, stdout);
        }
        start = end + 1;
    }
    putchar('\n');
}

static void cut_stream(FILE *f, const struct cut_list *l, int mode, int delim, int only_delimited)
{
    static char *line;
    static size_t cap;
    size_t len;
    int c;

    do {
        len = 0;
        while ((c = getc(f)) != EOF && c != '\n') {
            if (len + 1 >= cap) {
                char *grown = realloc(line, cap ? cap * 2 : 256);

                if (!grown)
                    cmd_diex(1, "out of memory");
                line = grown;
                cap = cap ? cap * 2 : 256;
            }
            line[len++] = c;
        }
        if (c == EOF && len == 0)
            break;
        if (mode == 'f')
            cut_fields(line, len, l, delim, only_delimited);
        else
            cut_bytes(line, len, l);
    } while (c != EOF);
}

int main(int argc, char **argv)
{
    struct cut_list list = { NULL, 0, 0 };
    int opt, mode = 0, delim = '\t', only_delimited = 0, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "b:c:f:d:sn")) != -1) {
        switch (opt) {
        case 'b':
        case 'c':
        case 'f':
            if (mode)
                cmd_diex(2, "only one of -b, -c and -f may be given");
            mode = opt;
            parse_list(optarg, &list);
            break;
        case 'd':
            if (strlen(optarg) != 1)
                cmd_diex(2, "the delimiter must be a single character: '%s'", optarg);
            delim = (unsigned char)optarg[0];
            break;
        case 's':
            only_delimited = 1;
            break;
        case 'n':
            break;
        default:
            cmd_usage(cut_synopsis);
        }
    }
    if (!mode)
        cmd_usage(cut_synopsis);
    if (optind == argc)
        cut_stream(stdin, &list, mode, delim, only_delimited);
    for (int i = optind; i < argc; i++) {
        FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");

        if (!f) {
            cmd_warn("%s", argv[i]);
            status = 1;
            continue;
        }
        cut_stream(f, &list, mode, delim, only_delimited);
        if (f != stdin)
            fclose(f);
    }
    if (fflush(stdout) == EOF)
        cmd_die(1, "standard output");
    return status;
}
