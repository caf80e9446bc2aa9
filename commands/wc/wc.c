/* wc: count lines, words, bytes and characters in files. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

struct wc_counts {
    long lines, words, bytes, chars;
};

static int show_lines, show_words, show_bytes, show_chars;

static void count_stream(FILE *f, struct wc_counts *c)
{
    int ch, in_word = 0;

    while ((ch = getc(f)) != EOF) {
        c->bytes++;
        if ((ch & 0xc0) != 0x80) /* a UTF-8 continuation byte starts no character */
            c->chars++;
        if (ch == '\n')
            c->lines++;
        if (isspace(ch)) {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            c->words++;
        }
    }
}

static void print_counts(const struct wc_counts *c, const char *name, int bare)
{
    long fields[4];
    int n = 0;

    if (show_lines)
        fields[n++] = c->lines;
    if (show_words)
        fields[n++] = c->words;
    if (show_chars)
        fields[n++] = c->chars;
    if (show_bytes)
        fields[n++] = c->bytes;
    for (int i = 0; i < n; i++) {
        if (bare && n == 1)
            printf("%ld", fields[i]);
        else
            printf(i ? " %7ld" : "%7ld", fields[i]);
    }
    if (name)
        printf(" %s", name);
    putchar('\n');
}

/* Count one file ("-" or NULL for standard input); 0 or -1 on error. */
static int count_file(const char *name, struct wc_counts *total, int several)
{
    struct wc_counts c = { 0, 0, 0, 0 };
    FILE *f = stdin;

    if (name && strcmp(name, "-") != 0 && !(f = fopen(name, "r"))) {
        cmd_warn("%s", name);
        return -1;
    }
    count_stream(f, &c);
    if (ferror(f)) {
        cmd_warn("%s", name ? name : "standard input");
        if (f != stdin)
            fclose(f);
        return -1;
    }
    if (f != stdin)
        fclose(f);
    print_counts(&c, name, !name && !several);
    total->lines += c.lines;
    total->words += c.words;
    total->bytes += c.bytes;
    total->chars += c.chars;
    return 0;
}

int main(int argc, char **argv)
{
    struct wc_counts total = { 0, 0, 0, 0 };
    int opt, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "lwcm")) != -1) {
        switch (opt) {
        case 'l':
            show_lines = 1;
            break;
        case 'w':
            show_words = 1;
            break;
        case 'c':
            show_bytes = 1;
            break;
        case 'm':
            show_chars = 1;
            break;
        default:
            cmd_usage("[-lwcm] [file ...]");
        }
    }
    if (!show_lines && !show_words && !show_bytes && !show_chars)
        show_lines = show_words = show_bytes = 1;
    if (optind == argc)
        return count_file(NULL, &total, 0) ? 1 : 0;
    for (int i = optind; i < argc; i++)
        if (count_file(argv[i], &total, 1))
            status = 1;
    if (argc - optind > 1)
        print_counts(&total, "total", 0);
    if (fflush(stdout) == EOF)
        cmd_die(1, "standard output");
    return status;
}
