/*
 * cmp: compare two files byte by byte.
 *
 *   cmp [-l|-s] file1 file2
 *
 * Prints where they first differ ("a b differ: char 5, line 2"); -l lists
 * every differing byte (position in decimal, the bytes in octal); -s
 * prints nothing. "-" is standard input. Exit status 0 when the files are
 * the same, 1 when they differ, 2 on trouble.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

#define CMP_USAGE "[-l|-s] file1 file2"

enum cmp_output {
    OUTPUT_FIRST,
    OUTPUT_LIST, /* -l */
    OUTPUT_NONE, /* -s */
};

static FILE *open_input(const char *name)
{
    FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");

    if (!f)
        cmd_die(2, "%s", name);
    return f;
}

static void check_read(FILE *f, const char *name)
{
    if (ferror(f))
        cmd_die(2, "%s", name);
}

static int compare(FILE *f1, const char *n1, FILE *f2, const char *n2, enum cmp_output output)
{
    uintmax_t byte = 1, line = 1;
    int status = 0;

    for (;; byte++) {
        int c1 = getc(f1), c2 = getc(f2);
        if (c1 == EOF || c2 == EOF) {
            check_read(f1, n1);
            check_read(f2, n2);
            if (c1 == c2)
                return status;
            if (output != OUTPUT_NONE)
                cmd_warnx("EOF on %s after byte %ju", c1 == EOF ? n1 : n2, byte - 1);
            return 1;
        }
        if (c1 != c2) {
            if (output == OUTPUT_NONE)
                return 1;
            if (output == OUTPUT_FIRST) {
                printf("%s %s differ: char %ju, line %ju\n", n1, n2, byte, line);
                return 1;
            }
            printf("%ju %o %o\n", byte, (unsigned)c1, (unsigned)c2);
            status = 1;
        }
        if (c1 == '\n')
            line++;
    }
}

int main(int argc, char **argv)
{
    enum cmp_output output = OUTPUT_FIRST;
    int opt, status;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "ls")) != -1) {
        switch (opt) {
        case 'l':
            output = OUTPUT_LIST;
            break;
        case 's':
            output = OUTPUT_NONE;
            break;
        default:
            cmd_usage(CMP_USAGE);
        }
    }
    if (argc - optind != 2)
        cmd_usage(CMP_USAGE);
    const char *n1 = argv[optind], *n2 = argv[optind + 1];
    if (strcmp(n1, "-") == 0 && strcmp(n2, "-") == 0)
        cmd_diex(2, "standard input cannot be both files");
    FILE *f1 = open_input(n1), *f2 = open_input(n2);
    status = compare(f1, n1, f2, n2, output);
    if (fflush(stdout) != 0)
        cmd_die(2, "write error");
    return status;
}
