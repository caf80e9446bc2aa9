/*
 * mkdir: make directories. With -p, missing parents are made too (with
 * the default mode plus owner write and search, so that the rest can be
 * made inside them) and an existing directory is no error. -m gives the
 * new directory's mode, octal or symbolic, relative to a=rwx.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "file_alloc.h"
#include "file_mode.h"

#define MKDIR_USAGE "[-p] [-m mode] dir..."

struct mkdir_opts {
    bool parents;
    bool mode_given;
    mode_t mode; /* with mode_given */
};

static bool is_directory(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Make each missing ancestor of path (for -p); 0 or -1 after a message. */
static int make_parents(const char *path, mode_t umask_bits)
{
    char *copy = xstrdup(path);
    mode_t mode = (0777 & ~umask_bits) | S_IWUSR | S_IXUSR;
    int status = 0;

    for (char *p = copy + 1; *p; p++) {
        if (*p != '/' || p[-1] == '/')
            continue;
        *p = '\0';
        if (mkdir(copy, mode) == 0) {
            /* mkdir() applied the umask, which may hide the owner's bits. */
            chmod(copy, mode);
        } else if (!(errno == EEXIST && is_directory(copy))) {
            cmd_warn("cannot create directory '%s'", copy);
            status = -1;
            break;
        }
        *p = '/';
    }
    free(copy);
    return status;
}

static int make_one(const struct mkdir_opts *opts, const char *path, mode_t umask_bits)
{
    if (opts->parents && make_parents(path, umask_bits) != 0)
        return 1;
    if (mkdir(path, opts->mode_given ? opts->mode & 0777 : 0777) != 0) {
        if (opts->parents && errno == EEXIST && is_directory(path))
            return 0;
        cmd_warn("cannot create directory '%s'", path);
        return 1;
    }
    /* mkdir() applied the umask and dropped special bits: set them as asked. */
    if (opts->mode_given && chmod(path, opts->mode) != 0) {
        cmd_warn("cannot set the mode of '%s'", path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct mkdir_opts opts = { 0 };
    struct mode_change *change = NULL;
    mode_t umask_bits = mode_umask();
    int opt, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "pm:")) != -1) {
        switch (opt) {
        case 'p':
            opts.parents = true;
            break;
        case 'm':
            mode_free(change);
            change = mode_compile(optarg);
            if (!change)
                cmd_diex(2, "invalid mode '%s'", optarg);
            break;
        default:
            cmd_usage(MKDIR_USAGE);
        }
    }
    if (optind == argc)
        cmd_usage(MKDIR_USAGE);
    if (change) {
        opts.mode_given = true;
        opts.mode = mode_apply(change, 0777, true, umask_bits);
        mode_free(change);
    }
    for (int i = optind; i < argc; i++)
        status |= make_one(&opts, argv[i], umask_bits);
    return status;
}
