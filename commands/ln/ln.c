/*
 * ln: make links. "ln src dst" makes dst; when the last operand is a
 * directory, links are made in it under each source's last component.
 * -s makes symbolic links (whose target text is the source as given);
 * -f replaces an existing destination, but never with a link to itself.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "file_path.h"

#define LN_USAGE "[-fs] source target\n       ln [-fs] source... directory"

struct ln_opts {
    bool force;
    bool symbolic;
};

/* For -f: remove dst unless it is src itself; 0, or 1 after a message. */
static int clear_destination(const char *src, const char *dst)
{
    struct stat sst, dst_st;

    if (lstat(dst, &dst_st) != 0)
        return 0;
    if (stat(src, &sst) == 0 && sst.st_dev == dst_st.st_dev && sst.st_ino == dst_st.st_ino) {
        cmd_warnx("'%s' and '%s' are the same file", src, dst);
        return 1;
    }
    if (S_ISDIR(dst_st.st_mode)) {
        cmd_warnx("cannot overwrite directory '%s'", dst);
        return 1;
    }
    if (unlink(dst) != 0) {
        cmd_warn("cannot remove '%s'", dst);
        return 1;
    }
    return 0;
}

static int link_one(const struct ln_opts *opts, const char *src, const char *dst)
{
    int rc;

    if (opts->force && clear_destination(src, dst) != 0)
        return 1;
    rc = opts->symbolic ? symlink(src, dst) : link(src, dst);
    if (rc != 0) {
        if (errno == ENOENT && !opts->symbolic && access(src, F_OK) != 0)
            cmd_warn("cannot access '%s'", src);
        else
            cmd_warn("cannot create %slink '%s'", opts->symbolic ? "symbolic " : "", dst);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct ln_opts opts = { 0 };
    struct stat st;
    int opt, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "fs")) != -1) {
        switch (opt) {
        case 'f':
            opts.force = true;
            break;
        case 's':
            opts.symbolic = true;
            break;
        default:
            cmd_usage(LN_USAGE);
        }
    }
    argc -= optind;
    argv += optind;
    if (argc < 1)
        cmd_usage(LN_USAGE);
    if (argc == 1) {
        /* "ln src": a link of the same name here. */
        char *last = path_last(argv[0]);
        status = link_one(&opts, argv[0], last);
        free(last);
        return status;
    }

    const char *target = argv[argc - 1];
    bool into_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
    if (!into_dir && argc > 2)
        cmd_diex(1, "target '%s' is not a directory", target);
    for (int i = 0; i < argc - 1; i++) {
        if (!into_dir) {
            status |= link_one(&opts, argv[i], target);
            continue;
        }
        char *last = path_last(argv[i]);
        char *dst = path_join(target, last);
        status |= link_one(&opts, argv[i], dst);
        free(dst);
        free(last);
    }
    return status;
}
