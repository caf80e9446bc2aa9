/*
 * Copying. copy_any() looks at the source and the destination and hands
 * each kind of file to its own function. A directory is created with
 * owner write and search permission so that its entries can be copied
 * into it, and gets its final mode only after them; times go last, as
 * writing the entries would change them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "file_alloc.h"
#include "file_ask.h"
#include "file_copy.h"
#include "file_mode.h"
#include "file_path.h"
#include "file_walk.h"

#define COPY_BUFFER_SIZE 65536

struct copy_ctx {
    const struct copy_opts *opts;
    mode_t umask_bits;
};

static int copy_any(const struct copy_ctx *ctx, const char *src, const char *dst, bool top);

/* Write all of buf; 0 or a negative errno. */
static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static int copy_contents(int in, int out, const char *src, const char *dst)
{
    char *buf = xmalloc(COPY_BUFFER_SIZE);
    int err = 0;

    for (;;) {
        ssize_t n = read(in, buf, COPY_BUFFER_SIZE);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            err = -errno;
            cmd_warn("error reading '%s'", src);
            break;
        }
        if (n == 0)
            break;
        err = write_all(out, buf, (size_t)n);
        if (err) {
            errno = -err;
            cmd_warn("error writing '%s'", dst);
            break;
        }
    }
    free(buf);
    return err;
}

/*
 * Give dst the owner and times of st, and its mode (or the mode without
 * set-id bits when the owner cannot be kept). fd is dst opened, or -1.
 */
static int preserve_attrs(int fd, const char *dst, const struct stat *st)
{
    struct timespec times[2] = { st->st_atim, st->st_mtim };
    mode_t mode = st->st_mode & 07777;
    int rc;

    rc = fd >= 0 ? fchown(fd, st->st_uid, st->st_gid) : lchown(dst, st->st_uid, st->st_gid);
    if (rc != 0)
        mode &= ~(mode_t)(S_ISUID | S_ISGID);
    if (!S_ISLNK(st->st_mode)) {
        rc = fd >= 0 ? fchmod(fd, mode) : chmod(dst, mode);
        if (rc != 0) {
            cmd_warn("cannot preserve the mode of '%s'", dst);
            return -errno;
        }
    }
    rc = fd >= 0 ? futimens(fd, times) : utimensat(AT_FDCWD, dst, times, AT_SYMLINK_NOFOLLOW);
    if (rc != 0) {
        cmd_warn("cannot preserve the times of '%s'", dst);
        return -errno;
    }
    return 0;
}

/* Open dst for writing, creating it with mode, or truncating it. */
static int open_destination(const struct copy_ctx *ctx, const char *dst, bool exists, mode_t mode)
{
    int fd;

    if (exists) {
        fd = open(dst, O_WRONLY | O_TRUNC);
        if (fd >= 0 || !ctx->opts->force)
            return fd;
        if (unlink(dst) != 0 && errno != ENOENT)
            return -1;
    }
    return open(dst, O_WRONLY | O_CREAT | O_EXCL, mode);
}

static int copy_regular(const struct copy_ctx *ctx, const char *src, const struct stat *st,
                        const char *dst, bool exists)
{
    int in, out, err;

    in = open(src, O_RDONLY);
    if (in < 0) {
        cmd_warn("cannot open '%s' for reading", src);
        return -errno;
    }
    out = open_destination(ctx, dst, exists, st->st_mode & 0777);
    if (out < 0) {
        err = -errno;
        cmd_warn("cannot create regular file '%s'", dst);
        close(in);
        return err;
    }
    err = copy_contents(in, out, src, dst);
    if (!err && ctx->opts->preserve)
        err = preserve_attrs(out, dst, st);
    close(in);
    if (close(out) != 0 && !err) {
        err = -errno;
        cmd_warn("error writing '%s'", dst);
    }
    return err;
}

/* The target of symbolic link path (of lstat size size), in new memory. */
static char *read_link(const char *path, off_t size)
{
    size_t cap = size > 0 ? (size_t)size + 1 : 256;

    for (;;) {
        char *target = xmalloc(cap);
        ssize_t n = readlink(path, target, cap);
        if (n < 0) {
            free(target);
            return NULL;
        }
        if ((size_t)n < cap) {
            target[n] = '\0';
            return target;
        }
        free(target);
        cap *= 2;
    }
}

/* Remove an existing non-directory destination before making a new one. */
static int make_room(const char *dst, bool exists)
{
    if (exists && unlink(dst) != 0) {
        cmd_warn("cannot remove '%s'", dst);
        return -errno;
    }
    return 0;
}

static int copy_symlink(const struct copy_ctx *ctx, const char *src, const struct stat *st,
                        const char *dst, bool exists)
{
    char *target = read_link(src, st->st_size);
    int err;

    if (!target) {
        cmd_warn("cannot read symbolic link '%s'", src);
        return -errno;
    }
    err = make_room(dst, exists);
    if (!err && symlink(target, dst) != 0) {
        err = -errno;
        cmd_warn("cannot create symbolic link '%s'", dst);
    }
    free(target);
    if (!err && ctx->opts->preserve)
        err = preserve_attrs(-1, dst, st);
    return err;
}

/* A FIFO or a device: made anew, not read. */
static int copy_special(const struct copy_ctx *ctx, const char *src, const struct stat *st,
                        const char *dst, bool exists)
{
    int err = make_room(dst, exists), rc;

    if (err)
        return err;
    if (S_ISFIFO(st->st_mode))
        rc = mkfifo(dst, st->st_mode & 07777);
    else if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
        rc = mknod(dst, st->st_mode, st->st_rdev);
    else {
        cmd_warnx("cannot copy '%s': sockets cannot be copied", src);
        return -EINVAL;
    }
    if (rc != 0) {
        cmd_warn("cannot create '%s'", dst);
        return -errno;
    }
    return ctx->opts->preserve ? preserve_attrs(-1, dst, st) : 0;
}

/* Copy each entry of directory src into directory dst. */
static int copy_entries(const struct copy_ctx *ctx, const char *src, const char *dst)
{
    struct dir_names names;
    int err = dir_list(src, false, &names), failed = 0;

    if (err) {
        errno = -err;
        cmd_warn("cannot read directory '%s'", src);
        return err;
    }
    for (size_t i = 0; i < names.count; i++) {
        char *from = path_join(src, names.names[i]);
        char *to = path_join(dst, names.names[i]);
        err = copy_any(ctx, from, to, false);
        if (err)
            failed = err;
        free(from);
        free(to);
    }
    dir_names_free(&names);
    return failed;
}

static int copy_directory(const struct copy_ctx *ctx, const char *src, const struct stat *st,
                          const char *dst, const struct stat *dst_st, bool top)
{
    bool created = dst_st == NULL;
    int err;

    if (!ctx->opts->recursive) {
        cmd_warnx("-R not specified; omitting directory '%s'", src);
        return -EISDIR;
    }
    if (dst_st && !S_ISDIR(dst_st->st_mode)) {
        cmd_warnx("cannot overwrite non-directory '%s' with directory '%s'", dst, src);
        return -ENOTDIR;
    }
    if (top && path_within(dst, st)) {
        cmd_warnx("cannot copy directory '%s' into itself, '%s'", src, dst);
        return -EINVAL;
    }
    if (created && mkdir(dst, (st->st_mode & 0777) | S_IRWXU) != 0) {
        cmd_warn("cannot create directory '%s'", dst);
        return -errno;
    }
    err = copy_entries(ctx, src, dst);
    if (ctx->opts->preserve) {
        int perr = preserve_attrs(-1, dst, st);
        return err ? err : perr;
    }
    if (created && chmod(dst, st->st_mode & 0777 & ~ctx->umask_bits) != 0) {
        cmd_warn("cannot set the mode of '%s'", dst);
        return -errno;
    }
    return err;
}

/* True when the copy may go ahead over an existing dst (asks with -i). */
static bool may_overwrite(const struct copy_ctx *ctx, const char *dst, const struct stat *dst_st)
{
    if (!ctx->opts->interactive || S_ISDIR(dst_st->st_mode))
        return true;
    return ask_yes("overwrite '%s'?", dst);
}

static int copy_any(const struct copy_ctx *ctx, const char *src, const char *dst, bool top)
{
    struct stat st, dst_st;
    bool exists;
    int rc = ctx->opts->recursive ? lstat(src, &st) : stat(src, &st);

    if (rc != 0) {
        cmd_warn("cannot stat '%s'", src);
        return -errno;
    }
    exists = lstat(dst, &dst_st) == 0;
    if (exists) {
        struct stat target;
        /* dst may be a link to src: compare what writing dst would reach. */
        if (stat(dst, &target) == 0 && target.st_dev == st.st_dev && target.st_ino == st.st_ino) {
            cmd_warnx("'%s' and '%s' are the same file", src, dst);
            return -EINVAL;
        }
        if (!may_overwrite(ctx, dst, &dst_st))
            return 0;
    }
    if (S_ISDIR(st.st_mode))
        return copy_directory(ctx, src, &st, dst, exists ? &dst_st : NULL, top);
    if (exists && S_ISDIR(dst_st.st_mode)) {
        cmd_warnx("cannot overwrite directory '%s' with non-directory '%s'", dst, src);
        return -EISDIR;
    }
    if (S_ISLNK(st.st_mode))
        return copy_symlink(ctx, src, &st, dst, exists);
    if (S_ISREG(st.st_mode) || !ctx->opts->recursive)
        return copy_regular(ctx, src, &st, dst, exists);
    return copy_special(ctx, src, &st, dst, exists);
}

int copy_path(const struct copy_opts *opts, const char *src, const char *dst)
{
    struct copy_ctx ctx = { .opts = opts, .umask_bits = mode_umask() };

    return copy_any(&ctx, src, dst, true);
}
