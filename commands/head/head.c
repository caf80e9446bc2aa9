/* head: copy the first lines (-n) or bytes (-c) of each file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

static long parse_count(const char *text)
{
    char *end;
    long n;

    errno = 0;
    n = strtol(text, &end, 10);
    if (errno || end == text || *end || n < 0)
        cmd_diex(2, "invalid count: '%s'", text);
    return n;
}

static void copy_head(FILE *f, long count, int bytes)
{
    int c;

    while (count > 0 && (c = getc(f)) != EOF) {
        putchar(c);
        if (bytes || c == '\n')
            count--;
    }
}

/* Rewrite the obsolescent "-N" as "-nN" so that getopt can read it. */
static void rewrite_obsolete_count(int argc, char **argv)
{
    static char option[32];

    if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9' &&
        strlen(argv[1]) < sizeof(option) - 2) {
        snprintf(option, sizeof(option), "-n%s", argv[1] + 1);
        argv[1] = option;
    }
}

int main(int argc, char **argv)
{
    long count = 10;
    int opt, bytes = 0, status = 0, nfiles;

    cmd_setname(argv[0]);
    rewrite_obsolete_count(argc, argv);
    while ((opt = getopt(argc, argv, "n:c:")) != -1) {
        if (opt == 'n' || opt == 'c') {
            count = parse_count(optarg);
            bytes = opt == 'c';
        } else {
            cmd_usage("[-n lines | -c bytes] [file ...]");
        }
    }
    nfiles = argc - optind;
    if (nfiles == 0)
        copy_head(stdin, count, bytes);
    for (int i = optind; i < argc; i++) {
        int use_stdin = strcmp(argv[i], "-") == 0;
        FILE *f = use_stdin ? stdin : fopen(argv[i], "r");

        if (!f) {
            cmd_warn("%s", argv[i]);
            status = 1;
            continue;
        }
        if (nfiles > 1)
            printf("%s==> %s <==\n", i > optind ? "\n" : "",
                   use_stdin ? "standard input" : argv[i]);
        copy_head(f, count, bytes);
        if (ferror(f)) {
            cmd_warn("%s", argv[i]);
            status = 1;
        }
        if (!use_stdin)
            fclose(f);
    }
    if (fflush(stdout) == EOF)
        cmd_die(1, "standard output");
    return status;
}
