/*
 * tar -c: walk each operand (in name order, links not followed) and write
 * a member for every file. A file with several links is stored once; its
 * other names become hard-link members. A file is opened before its
 * header is written, so one that cannot be read leaves no member behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "file_alloc.h"
#include "file_device.h"
#include "file_inodes.h"
#include "file_owner.h"
#include "file_walk.h"
#include "tar.h"

struct create_ctx {
    const struct tar_opts *opts;
    struct tar_archive *ar;
    struct inode_set *links;
    bool archive_is_file; /* then skip it if it lies inside a tree */
    dev_t archive_dev;
    ino_t archive_ino;
    bool warned_strip;
};

/* Copy a name into a header name field unless it is only the number. */
static void set_owner_name(char *out, size_t len, const char *name, unsigned long id)
{
    char number[24];

    snprintf(number, sizeof number, "%lu", id);
    if (strcmp(name, number) != 0)
        snprintf(out, len, "%s", name);
}

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

/* Write size bytes of fd as data blocks, padding or cutting if it changed. */
static void write_data(struct create_ctx *ctx, int fd, const char *path, uintmax_t size)
{
    char block[TAR_BLOCK];
    bool short_read = false;

    while (size > 0) {
        size_t want = size < TAR_BLOCK ? (size_t)size : TAR_BLOCK, got = 0;
        memset(block, 0, sizeof block);
        while (!short_read && got < want) {
            ssize_t n = read(fd, block + got, want - got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                if (n < 0)
                    cmd_warn("error reading '%s'", path);
                else
                    cmd_warnx("'%s': file shrank while being read; padded with zeros", path);
                short_read = true;
                tar_status = 2;
                break;
            }
            got += (size_t)n;
        }
        archive_write_block(ctx->ar, block);
        size -= want;
    }
}

/* Fill in m's type-specific fields; false to leave the file out. */
static bool describe(struct create_ctx *ctx, const char *path, const struct stat *st,
                     struct tar_member *m)
{
    const char *first;

    if (S_ISDIR(st->st_mode)) {
        m->type = TYPE_DIRECTORY;
        size_t len = strlen(m->name);
        if (len == 0 || m->name[len - 1] != '/') {
            m->name = xrealloc(m->name, len + 2);
            strcpy(m->name + len, "/");
        }
    } else if (S_ISLNK(st->st_mode)) {
        m->type = TYPE_SYMLINK;
        m->linkname = read_link(path, st->st_size);
        if (!m->linkname) {
            cmd_warn("cannot read symbolic link '%s'", path);
            tar_status = 2;
            return false;
        }
    } else if (st->st_nlink > 1 &&
               !inode_set_add(ctx->links, st->st_dev, st->st_ino, m->name, &first)) {
        m->type = TYPE_HARDLINK;
        m->linkname = xstrdup(first);
    } else if (S_ISREG(st->st_mode)) {
        m->type = TYPE_REGULAR;
        m->size = (uintmax_t)st->st_size;
    } else if (S_ISFIFO(st->st_mode)) {
        m->type = TYPE_FIFO;
    } else if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
        m->type = S_ISCHR(st->st_mode) ? TYPE_CHAR : TYPE_BLOCK;
        m->devmajor = device_major(st->st_rdev);
        m->devminor = device_minor(st->st_rdev);
    } else {
        cmd_warnx("'%s': socket ignored", path);
        return false;
    }
    return true;
}

static void add_member(struct create_ctx *ctx, const char *path, const struct stat *st)
{
    struct tar_member m = { 0 };
    bool stripped;
    int fd = -1;

    m.name = member_safe_name(path, &stripped);
    if (stripped && !ctx->warned_strip) {
        cmd_warnx("removing leading '/' and '../' from member names");
        ctx->warned_strip = true;
    }
    m.mode = st->st_mode & 07777;
    m.uid = st->st_uid;
    m.gid = st->st_gid;
    m.mtime = st->st_mtim;
    m.mtime.tv_nsec = 0;
    set_owner_name(m.uname, sizeof m.uname, owner_user_name(st->st_uid), st->st_uid);
    set_owner_name(m.gname, sizeof m.gname, owner_group_name(st->st_gid), st->st_gid);
    if (!describe(ctx, path, st, &m))
        goto out;
    if (m.type == TYPE_REGULAR && (fd = open(path, O_RDONLY)) < 0) {
        cmd_warn("cannot open '%s'", path);
        tar_status = 2;
        goto out;
    }
    header_write(ctx->ar, &m);
    if (fd >= 0)
        write_data(ctx, fd, path, m.size);
    if (ctx->opts->verbose)
        fprintf(ctx->ar->fd == STDOUT_FILENO ? stderr : stdout, "%s\n", m.name);
out:
    if (fd >= 0)
        close(fd);
    member_clear(&m);
}

static enum walk_reply visit(const struct walk_entry *entry, void *opaque)
{
    struct create_ctx *ctx = opaque;
    const struct stat *st = &entry->st;

    switch (entry->event) {
    case WALK_ERROR:
        errno = entry->err;
        cmd_warn("cannot %s '%s'", entry->has_stat ? "read directory" : "access", entry->path);
        tar_status = 2;
        break;
    case WALK_DIR_PRE:
    case WALK_FILE:
        if (ctx->archive_is_file && st->st_dev == ctx->archive_dev &&
            st->st_ino == ctx->archive_ino) {
            cmd_warnx("'%s': file is the archive; not dumped", entry->path);
            break;
        }
        add_member(ctx, entry->path, st);
        break;
    case WALK_DIR_POST:
        break;
    }
    return WALK_CONTINUE;
}

void tar_create(const struct tar_opts *opts, struct tar_archive *ar)
{
    struct create_ctx ctx = { .opts = opts, .ar = ar, .links = inode_set_new() };
    struct stat st;

    if (fstat(ar->fd, &st) == 0 && S_ISREG(st.st_mode)) {
        ctx.archive_is_file = true;
        ctx.archive_dev = st.st_dev;
        ctx.archive_ino = st.st_ino;
    }
    for (int i = 0; i < opts->noperands; i++)
        walk_tree(opts->operands[i], WALK_SORTED, visit, &ctx);
    inode_set_free(ctx.links);
}
