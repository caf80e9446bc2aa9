/*
 * Removing. A directory is emptied entry by entry, then removed; when an
 * entry could not be removed (and was reported), the directory is left in
 * place without a second, redundant "Directory not empty" message.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "file_ask.h"
#include "file_mode.h"
#include "file_path.h"
#include "file_remove.h"
#include "file_walk.h"

/* Whether to ask before removing path, and what to call it then. */
static bool must_ask(const struct remove_opts *opts, const char *path, const struct stat *st,
                     bool *is_protected)
{
    *is_protected = false;
    if (opts->force)
        return false;
    if (opts->ask_if_protected && !S_ISLNK(st->st_mode) && access(path, W_OK) != 0)
        *is_protected = true;
    return opts->interactive || *is_protected;
}

/* Ask the question for removing path; true to go ahead. */
static bool confirm_removal(const struct remove_opts *opts, const char *path, const struct stat *st)
{
    bool is_protected;

    if (!must_ask(opts, path, st, &is_protected))
        return true;
    return ask_yes("remove %s%s '%s'?", is_protected ? "write-protected " : "",
                   mode_type_name(st->st_mode, st->st_size), path);
}

static int remove_entries(const struct remove_opts *opts, const char *path)
{
    struct dir_names names;
    int err = dir_list(path, false, &names), failed = 0;

    if (err) {
        errno = -err;
        cmd_warn("cannot remove '%s'", path);
        return err;
    }
    for (size_t i = 0; i < names.count; i++) {
        char *child = path_join(path, names.names[i]);
        err = remove_path(opts, child);
        if (err)
            failed = err;
        free(child);
    }
    dir_names_free(&names);
    return failed;
}

static int remove_directory(const struct remove_opts *opts, const char *path, const struct stat *st)
{
    int err;

    if (!opts->recursive) {
        cmd_warnx("cannot remove '%s': Is a directory", path);
        return -EISDIR;
    }
    if (opts->interactive && !opts->force && !ask_yes("descend into directory '%s'?", path))
        return 0;
    err = remove_entries(opts, path);
    if (err)
        return err;
    if (!confirm_removal(opts, path, st))
        return 0;
    if (rmdir(path) != 0) {
        cmd_warn("cannot remove '%s'", path);
        return -errno;
    }
    return 0;
}

int remove_path(const struct remove_opts *opts, const char *path)
{
    struct stat st;

    if (lstat(path, &st) != 0) {
        if (errno == ENOENT && opts->force)
            return 0;
        cmd_warn("cannot remove '%s'", path);
        return -errno;
    }
    if (S_ISDIR(st.st_mode))
        return remove_directory(opts, path, &st);
    if (!confirm_removal(opts, path, &st))
        return 0;
    if (unlink(path) != 0) {
        cmd_warn("cannot remove '%s'", path);
        return -errno;
    }
    return 0;
}
