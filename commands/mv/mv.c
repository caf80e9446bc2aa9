/*
 * mv: move files. Within one file system a move is a rename(). Across
 * file systems (EXDEV) the source is copied with everything kept (libfile's
 * copy_path(), as cp -pR) and then removed (remove_path(), as rm -rf);
 * the source stays when the copy fails.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "file_ask.h"
#include "file_copy.h"
#include "file_path.h"
#include "file_remove.h"

#define MV_USAGE "[-fi] source target\n       mv [-fi] source... directory"

struct mv_opts {
    bool force;
    bool interactive;
    bool stdin_tty;
};

/* Clear the way at dst for a copy of a file of mode src_mode. */
static int replace_destination(const char *src, mode_t src_mode, const char *dst)
{
    struct stat st;

    if (lstat(dst, &st) != 0)
        return 0;
    if (S_ISDIR(src_mode) != S_ISDIR(st.st_mode)) {
        cmd_warnx("cannot overwrite %sdirectory '%s' with %sdirectory '%s'",
                  S_ISDIR(st.st_mode) ? "" : "non-", dst, S_ISDIR(src_mode) ? "" : "non-", src);
        return -EINVAL;
    }
    if ((S_ISDIR(st.st_mode) ? rmdir(dst) : unlink(dst)) != 0) {
        cmd_warn("cannot move '%s' to '%s'", src, dst);
        return -errno;
    }
    return 0;
}

/* Move src to dst on another file system: copy, then remove. */
static int move_across(const char *src, const struct stat *st, const char *dst)
{
    const struct copy_opts copy = { .recursive = true, .preserve = true };
    const struct remove_opts remove = { .recursive = true, .force = true };
    int err = replace_destination(src, st->st_mode, dst);

    if (err)
        return err;
    err = copy_path(&copy, src, dst);
    if (err) {
        cmd_warnx("'%s' was not moved: it could not be copied completely", src);
        return err;
    }
    return remove_path(&remove, src);
}

/* Ask before replacing dst when the options (or its mode) call for it. */
static bool may_replace(const struct mv_opts *opts, const char *dst, const struct stat *dst_st)
{
    if (opts->force)
        return true;
    if (opts->interactive)
        return ask_yes("overwrite '%s'?", dst);
    if (opts->stdin_tty && !S_ISLNK(dst_st->st_mode) && access(dst, W_OK) != 0)
        return ask_yes("replace '%s', overriding mode %04o?", dst,
                       (unsigned)(dst_st->st_mode & 07777));
    return true;
}

static int move_one(const struct mv_opts *opts, const char *src, const char *dst)
{
    struct stat st, dst_st;

    if (lstat(src, &st) != 0) {
        cmd_warn("cannot stat '%s'", src);
        return 1;
    }
    if (lstat(dst, &dst_st) == 0) {
        if (st.st_dev == dst_st.st_dev && st.st_ino == dst_st.st_ino) {
            cmd_warnx("'%s' and '%s' are the same file", src, dst);
            return 1;
        }
        if (!may_replace(opts, dst, &dst_st))
            return 0;
    }
    if (rename(src, dst) == 0)
        return 0;
    if (errno == EXDEV)
        return move_across(src, &st, dst) != 0;
    if (errno == EINVAL && S_ISDIR(st.st_mode))
        cmd_warnx("cannot move '%s' to a subdirectory of itself, '%s'", src, dst);
    else
        cmd_warn("cannot move '%s' to '%s'", src, dst);
    return 1;
}

int main(int argc, char **argv)
{
    struct mv_opts opts = { 0 };
    struct stat st;
    int opt, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "fi")) != -1) {
        switch (opt) {
        case 'f':
            opts.force = true;
            opts.interactive = false;
            break;
        case 'i':
            opts.interactive = true;
            opts.force = false;
            break;
        default:
            cmd_usage(MV_USAGE);
        }
    }
    argc -= optind;
    argv += optind;
    if (argc < 2)
        cmd_usage(MV_USAGE);
    opts.stdin_tty = isatty(STDIN_FILENO);

    const char *target = argv[argc - 1];
    bool into_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
    if (!into_dir && argc > 2)
        cmd_diex(1, "target '%s' is not a directory", target);
    for (int i = 0; i < argc - 1; i++) {
        if (!into_dir) {
            status |= move_one(&opts, argv[i], target);
            continue;
        }
        char *last = path_last(argv[i]);
        char *dst = path_join(target, last);
        status |= move_one(&opts, argv[i], dst);
        free(dst);
        free(last);
    }
    return status;
}
