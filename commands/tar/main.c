/*
 * tar: make, list and unpack archives in the POSIX ustar format.
 *
 *   tar -c [-v] [-f archive] [-C dir] file...
 *   tar -t [-v] [-f archive] [member...]
 *   tar -x [-vp] [-f archive] [-C dir] [member...]
 *
 * The traditional form without a dash ("tar cvf a.tar dir") is accepted:
 * the letters of the first word are options, and those that take an
 * argument (f, C) take the next words in turn. Without -f the archive is
 * standard input or output. Exit status 2 after any error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "file_alloc.h"
#include "tar.h"

#define TAR_USAGE                                                                                  \
    "-c [-v] [-f archive] [-C dir] file...\n"                                                      \
    "       tar -t [-v] [-f archive] [member...]\n"                                                \
    "       tar -x [-pv] [-f archive] [-C dir] [member...]"

int tar_status;

/* Turn "tar cvf a.tar x" into "tar -c -v -f a.tar x" (new memory). */
static char **expand_bundled(int *argc, char **argv)
{
    const char *letters = argv[1];
    char **out = xreallocarray(NULL, (size_t)*argc + strlen(letters) + 1, sizeof *out);
    int n = 0, next = 2;

    out[n++] = argv[0];
    for (const char *p = letters; *p; p++) {
        char *opt = xmalloc(3);
        opt[0] = '-';
        opt[1] = *p;
        opt[2] = '\0';
        out[n++] = opt;
        if ((*p == 'f' || *p == 'C') && next < *argc)
            out[n++] = argv[next++];
    }
    while (next < *argc)
        out[n++] = argv[next++];
    out[n] = NULL;
    *argc = n;
    return out;
}

static void set_mode(struct tar_opts *opts, char mode)
{
    if (opts->mode && opts->mode != mode)
        cmd_diex(2, "only one of -c, -t and -x may be given");
    opts->mode = mode;
}

static void parse_options(int argc, char **argv, struct tar_opts *opts)
{
    int opt;

    while ((opt = getopt(argc, argv, "ctxvpf:C:")) != -1) {
        switch (opt) {
        case 'c':
        case 't':
        case 'x':
            set_mode(opts, (char)opt);
            break;
        case 'v':
            opts->verbose = true;
            break;
        case 'p':
            opts->same_permissions = true;
            break;
        case 'f':
            opts->archive = optarg;
            break;
        case 'C':
            opts->directory = optarg;
            break;
        default:
            cmd_usage(TAR_USAGE);
        }
    }
    if (!opts->mode)
        cmd_usage(TAR_USAGE);
    opts->operands = argv + optind;
    opts->noperands = argc - optind;
}

int main(int argc, char **argv)
{
    struct tar_opts opts = { 0 };
    static struct tar_archive ar;

    cmd_setname(argv[0]);
    if (argc > 1 && argv[1][0] != '-')
        argv = expand_bundled(&argc, argv);
    parse_options(argc, argv, &opts);
    opts.is_root = geteuid() == 0;
    opts.same_permissions |= opts.is_root;
    if (opts.mode == 'c' && opts.noperands == 0)
        cmd_diex(2, "refusing to create an empty archive");

    /* The archive is opened first: its name is relative to where tar started. */
    archive_open(&ar, opts.archive, opts.mode == 'c');
    if (opts.directory && chdir(opts.directory) != 0)
        cmd_die(2, "cannot change to directory '%s'", opts.directory);
    if (opts.mode == 'c')
        tar_create(&opts, &ar);
    else
        tar_read(&opts, &ar);
    archive_finish(&ar);
    if (fflush(stdout) != 0)
        cmd_die(2, "write error");
    return tar_status;
}
