/*
 * od: dump files in octal, decimal, hex or as characters. The input
 * (all files, as one stream) is taken 16 bytes at a time; each -t type
 * prints its own row for those bytes. Rows are aligned: every row is as
 * wide as the widest type needs, its items spread evenly over it. A line equal
 * to the one before is shown as a single "*" (unless -v).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

#define OD_LINE  16
#define OD_TYPES 16

struct od_type {
    char kind; /* a c d o u x */
    int size;  /* bytes per item */
    int width; /* characters per item, without the separating space */
};

struct od_state {
    struct od_type types[OD_TYPES];
    int ntypes;
    int line_width; /* columns of a full line of any type, separating spaces included */
    char radix;     /* -A: o d x n */
    long skip, limit;
    int verbose;
    char **files;
    int nfiles, next_file;
    FILE *in;
};

static const char od_synopsis[] =
    "[-bcdovx] [-A base] [-j skip] [-N count] [-t type]... [file ...]";

static int item_width(char kind, int size)
{
    static const int octal[] = { 0, 3, 6, 0, 11, 0, 0, 0, 22 };
    static const int decimal[] = { 0, 4, 6, 0, 11, 0, 0, 0, 20 };
    static const int unsigned_decimal[] = { 0, 3, 5, 0, 10, 0, 0, 0, 20 };

    switch (kind) {
    case 'o':
        return octal[size];
    case 'd':
        return decimal[size];
    case 'u':
        return unsigned_decimal[size];
    case 'x':
        return 2 * size;
    default: /* a, c */
        return 3;
    }
}

static void add_type(struct od_state *st, char kind, int size)
{
    struct od_type *t;

    if (st->ntypes == OD_TYPES)
        cmd_diex(2, "too many types");
    t = &st->types[st->ntypes++];
    t->kind = kind;
    t->size = size;
    t->width = item_width(kind, size);
}

/* -t: a list like "x1", "o2", "d4c", "u8", "xC", "a". */
static void parse_types(struct od_state *st, const char *spec)
{
    const char *s = spec;

    while (*s) {
        char kind = *s++;
        int size = 1;

        if (!strchr("acdoux", kind))
            cmd_diex(2, "invalid type '%s'%s", spec,
                     kind == 'f' ? ": floating point is not supported" : "");
        if (strchr("doux", kind)) {
            size = 4;
            if (*s >= '0' && *s <= '9')
                size = strtol(s, (char **)&s, 10);
            else if (*s && strchr("CSIL", *s))
                size = *s == 'C' ? 1 : *s == 'S' ? 2 : *s == 'I' ? 4 : 8, s++;
            if (size != 1 && size != 2 && size != 4 && size != 8)
                cmd_diex(2, "invalid type '%s': sizes are 1, 2, 4 and 8", spec);
        }
        add_type(st, kind, size);
    }
}

static long parse_count(const char *text)
{
    char *end;
    long n;

    errno = 0;
    n = strtol(text, &end, 0);
    if (errno || end == text || n < 0)
        cmd_diex(2, "invalid number: '%s'", text);
    if (*end == 'b')
        n *= 512, end++;
    else if (*end == 'k')
        n *= 1024, end++;
    else if (*end == 'm')
        n *= 1048576, end++;
    if (*end)
        cmd_diex(2, "invalid number: '%s'", text);
    return n;
}

/* The next input byte across all files, or EOF. */
static int next_byte(struct od_state *st)
{
    int c;

    for (;;) {
        if (!st->in) {
            const char *name;

            if (st->next_file >= st->nfiles)
                return EOF;
            name = st->files[st->next_file++];
            st->in = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
            if (!st->in) {
                cmd_warn("%s", name);
                continue;
            }
        }
        if ((c = getc(st->in)) != EOF)
            return c;
        if (st->in != stdin)
            fclose(st->in);
        st->in = NULL;
    }
}

static void print_offset(const struct od_state *st, long offset)
{
    if (st->radix == 'o')
        printf("%07lo", offset);
    else if (st->radix == 'd')
        printf("%07ld", offset);
    else if (st->radix == 'x')
        printf("%06lx", offset);
}

static void format_char(char kind, unsigned char c, char *out, size_t size)
{
    static const char *const names[] = {
        "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs",  "ht",  "nl",
        "vt",  "ff",  "cr",  "so",  "si",  "dle", "dc1", "dc2", "dc3", "dc4", "nak",
        "syn", "etb", "can", "em",  "sub", "esc", "fs",  "gs",  "rs",  "us",  "sp",
    };
    static const char escapes[] = "\0"
                                  "0\a"
                                  "a\b"
                                  "b\f"
                                  "f\n"
                                  "n\r"
                                  "r\t"
                                  "t\v"
                                  "v";

    if (kind == 'a') {
        c &= 0x7f;
        snprintf(out, size, "%s", c <= ' ' ? names[c] : c == 127 ? "del" : (char[]){ c, 0 });
        return;
    }
    for (int i = 0; i < 16; i += 2) {
        if ((unsigned char)escapes[i] == c) {
            snprintf(out, size, "\\%c", escapes[i + 1]);
            return;
        }
    }
    if (c >= ' ' && c < 127)
        snprintf(out, size, "%c", c);
    else
        snprintf(out, size, "%03o", c);
}

static void print_item(const struct od_type *t, const unsigned char *bytes, int field)
{
    unsigned long long value = 0;
    char text[32];

    for (int i = t->size - 1; i >= 0; i--) /* little-endian, like the machine */
        value = value << 8 | bytes[i];
    if (t->kind == 'a' || t->kind == 'c') {
        format_char(t->kind, bytes[0], text, sizeof(text));
    } else if (t->kind == 'o') {
        snprintf(text, sizeof(text), "%0*llo", t->width, value);
    } else if (t->kind == 'x') {
        snprintf(text, sizeof(text), "%0*llx", t->width, value);
    } else if (t->kind == 'u') {
        snprintf(text, sizeof(text), "%llu", value);
    } else {
        int shift = 64 - 8 * t->size;
        long long signed_value = (long long)(value << shift) >> shift;

        snprintf(text, sizeof(text), "%lld", signed_value);
    }
    printf("%*s", field, text);
}

static void print_line(const struct od_state *st, const unsigned char *bytes, int n, long offset)
{
    for (int i = 0; i < st->ntypes; i++) {
        const struct od_type *t = &st->types[i];
        int items = OD_LINE / t->size;

        if (i == 0)
            print_offset(st, offset);
        else if (st->radix != 'n')
            printf("%*s", st->radix == 'x' ? 6 : 7, "");
        for (int j = 0; j * t->size < n; j++)
            print_item(t, bytes + j * t->size,
                       (st->line_width * (j + 1) + items - 1) / items -
                           (st->line_width * j + items - 1) / items);
        putchar('\n');
    }
}

static void dump(struct od_state *st)
{
    unsigned char line[OD_LINE + 8], previous[OD_LINE];
    long offset = st->skip, left = st->limit;
    int n, have_previous = 0, starred = 0;

    for (long i = 0; i < st->skip; i++)
        if (next_byte(st) == EOF)
            cmd_diex(1, "cannot skip past end of input");
    do {
        int c = 0;

        memset(line, 0, sizeof(line));
        for (n = 0; n < OD_LINE && left != 0 && (c = next_byte(st)) != EOF; n++, left--)
            line[n] = c;
        if (n == 0)
            break;
        if (!st->verbose && n == OD_LINE && have_previous && !memcmp(line, previous, OD_LINE)) {
            if (!starred)
                puts("*");
            starred = 1;
        } else {
            print_line(st, line, n, offset);
            starred = 0;
        }
        memcpy(previous, line, OD_LINE);
        have_previous = n == OD_LINE;
        offset += n;
    } while (n == OD_LINE);
    if (st->radix != 'n') {
        print_offset(st, offset);
        putchar('\n');
    }
}

int main(int argc, char **argv)
{
    static char *standard_input[] = { "-" };
    struct od_state st = { .radix = 'o', .limit = -1 };
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "A:j:N:t:vbcdosx")) != -1) {
        switch (opt) {
        case 'A':
            if (strlen(optarg) != 1 || !strchr("odxn", optarg[0]))
                cmd_diex(2, "invalid address base '%s': use o, d, x or n", optarg);
            st.radix = optarg[0];
            break;
        case 'j':
            st.skip = parse_count(optarg);
            break;
        case 'N':
            st.limit = parse_count(optarg);
            break;
        case 't':
            parse_types(&st, optarg);
            break;
        case 'v':
            st.verbose = 1;
            break;
        case 'b':
            add_type(&st, 'o', 1);
            break;
        case 'c':
            add_type(&st, 'c', 1);
            break;
        case 'd':
            add_type(&st, 'u', 2);
            break;
        case 'o':
            add_type(&st, 'o', 2);
            break;
        case 's':
            add_type(&st, 'd', 2);
            break;
        case 'x':
            add_type(&st, 'x', 2);
            break;
        default:
            cmd_usage(od_synopsis);
        }
    }
    if (st.ntypes == 0)
        add_type(&st, 'o', 2);
    for (int i = 0; i < st.ntypes; i++) {
        int columns = OD_LINE / st.types[i].size * (st.types[i].width + 1);

        if (columns > st.line_width)
            st.line_width = columns;
    }
    st.files = optind < argc ? argv + optind : standard_input;
    st.nfiles = optind < argc ? argc - optind : 1;
    dump(&st);
    if (fflush(stdout) == EOF)
        cmd_die(1, "standard output");
    return 0;
}
