/*
 * hexdump: dump files in hexadecimal, 16 bytes a line. The default shows
 * 16-bit little-endian words; -C the canonical hex plus ASCII form. A
 * line equal to the one before is shown as a single "*" (unless -v).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

#define HD_LINE 16

struct hd_input {
    char **files;
    int nfiles, next_file;
    FILE *in;
    int failed;
};

static int next_byte(struct hd_input *in)
{
    int c;

    for (;;) {
        if (!in->in) {
            const char *name;

            if (in->next_file >= in->nfiles)
                return EOF;
            name = in->files[in->next_file++];
            in->in = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
            if (!in->in) {
                cmd_warn("%s", name);
                in->failed = 1;
                continue;
            }
        }
        if ((c = getc(in->in)) != EOF)
            return c;
        if (in->in != stdin)
            fclose(in->in);
        in->in = NULL;
    }
}

static void print_canonical(const unsigned char *bytes, int n, long offset)
{
    printf("%08lx  ", offset);
    for (int i = 0; i < HD_LINE; i++) {
        if (i == 8)
            putchar(' ');
        if (i < n)
            printf("%02x ", bytes[i]);
        else
            printf("   ");
    }
    printf(" |");
    for (int i = 0; i < n; i++)
        putchar(isprint(bytes[i]) ? bytes[i] : '.');
    printf("|\n");
}

static void print_words(const unsigned char *bytes, int n, long offset)
{
    printf("%07lx", offset);
    for (int i = 0; i < n; i += 2)
        printf(" %04x", bytes[i] | (i + 1 < n ? bytes[i + 1] << 8 : 0));
    putchar('\n');
}

static long parse_count(const char *text)
{
    char *end;
    long n;

    errno = 0;
    n = strtol(text, &end, 0);
    if (errno || end == text || *end || n < 0)
        cmd_diex(2, "invalid number: '%s'", text);
    return n;
}

int main(int argc, char **argv)
{
    static char *standard_input[] = { "-" };
    unsigned char line[HD_LINE], previous[HD_LINE];
    struct hd_input in = { standard_input, 1, 0, NULL, 0 };
    long offset = 0, left = -1, skip = 0;
    int opt, canonical = 0, verbose = 0, n, have_previous = 0, starred = 0, c = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "Cvn:s:")) != -1) {
        if (opt == 'C')
            canonical = 1;
        else if (opt == 'v')
            verbose = 1;
        else if (opt == 'n')
            left = parse_count(optarg);
        else if (opt == 's')
            skip = parse_count(optarg);
        else
            cmd_usage("[-Cv] [-n length] [-s skip] [file ...]");
    }
    if (optind < argc) {
        in.files = argv + optind;
        in.nfiles = argc - optind;
    }
    for (; offset < skip && next_byte(&in) != EOF; offset++)
        ;
    do {
        for (n = 0; n < HD_LINE && left != 0 && (c = next_byte(&in)) != EOF; n++, left--)
            line[n] = c;
        if (n == 0)
            break;
        if (!verbose && n == HD_LINE && have_previous && !memcmp(line, previous, HD_LINE)) {
            if (!starred)
                puts("*");
            starred = 1;
        } else if (canonical) {
            print_canonical(line, n, offset);
            starred = 0;
        } else {
            print_words(line, n, offset);
            starred = 0;
        }
        memcpy(previous, line, n);
        have_previous = n == HD_LINE;
        offset += n;
    } while (n == HD_LINE);
    if (offset > 0 || canonical)
        printf(canonical ? "%08lx\n" : "%07lx\n", offset);
    if (fflush(stdout) == EOF)
        cmd_die(1, "standard output");
    return in.failed;
}
