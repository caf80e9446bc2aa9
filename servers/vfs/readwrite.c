/*
 * read, write, lseek, getdents. Regular files and directories go to their
 * file system with a magic grant over the user's buffer, so the data moves
 * once, from the file system's cache straight into the process. Pipes and
 * character devices may make the caller wait (pipe.c, device.c).
 */
#include <string.h>
#include "vfs.h"

#define MAX_IO (1ull << 30)

/* Read or write a regular file through its file system. */
static int file_io(int call, struct filp *filp, uint64_t buf, uint64_t len, int64_t *at)
{
    struct vnode *vp = filp->vp;
    uint64_t pos = at ? (uint64_t)*at : filp->pos, next = 0;

    if (call == FS_WRITE && (filp->flags & O_APPEND) && !at)
        pos = vp->size;
    if (len == 0)
        return 0;
    grant_id_t g =
        grant_magic(vp->vmnt->fs_ep, fp->ep, buf, len, call == FS_READ ? GRANT_WRITE : GRANT_READ);
    if (g == GRANT_INVALID)
        return -ENFILE;
    int r = fs_io(call, vp, pos, g, len, &next);
    grant_revoke(g);
    if (r > 0) {
        if (!at)
            filp->pos = pos + (uint64_t)r;
        if (call == FS_WRITE && next > vp->size)
            vp->size = next;
    }
    return r;
}

static int rw(message *m, bool writing)
{
    struct vfs_io *io = &m->vfs_io;
    struct filp *filp = filp_get(fp, io->fd);
    int64_t *at = (io->flags & VFS_AT_OFF) ? &io->off : NULL;

    if (!filp)
        return -EBADF;
    int mode = filp->flags & O_ACCMODE;
    if (writing ? mode == O_RDONLY : mode == O_WRONLY)
        return -EBADF;
    if (io->len > MAX_IO)
        io->len = MAX_IO;
    if (at && *at < 0)
        return -EINVAL;
    struct vnode *vp = filp->vp;
    if (S_ISDIR(vp->mode))
        return -EISDIR;
    if (S_ISFIFO(vp->mode)) {
        if (at)
            return -ESPIPE;
        uint64_t done = 0;
        int r = writing ? pipe_write(fp, filp, io->buf, io->len, &done)
                        : pipe_read(fp, filp, io->buf, io->len, &done);
        if (r == EDONTREPLY) {
            suspend(fp, writing ? SUSP_PIPE_WRITE : SUSP_PIPE_READ, m);
            fp->susp.filp = filp;
            fp->susp.done = done;
        }
        return r;
    }
    if (S_ISCHR(vp->mode))
        return dev_io(writing ? CDEV_WRITE : CDEV_READ, fp, filp, io->buf, io->len, m);
    return file_io(writing ? FS_WRITE : FS_READ, filp, io->buf, io->len, at);
}

int do_read(message *m)
{
    return rw(m, false);
}
int do_write(message *m)
{
    return rw(m, true);
}

int do_lseek(message *m)
{
    struct filp *filp = filp_get(fp, m->vfs_seek.fd);
    int64_t base;

    if (!filp)
        return -EBADF;
    if (S_ISFIFO(filp->vp->mode))
        return -ESPIPE;
    switch (m->vfs_seek.whence) {
    case SEEK_SET:
        base = 0;
        break;
    case SEEK_CUR:
        base = (int64_t)filp->pos;
        break;
    case SEEK_END:
        base = (int64_t)filp->vp->size;
        break;
    default:
        return -EINVAL;
    }
    int64_t pos = base + m->vfs_seek.offset;
    if (pos < 0 || (m->vfs_seek.offset > 0 && pos < base))
        return -EINVAL;
    filp->pos = (uint64_t)pos;
    m->vfs_seek.offset = pos;
    return 0;
}

int do_getdents(message *m)
{
    struct vfs_io *io = &m->vfs_io;
    struct filp *filp = filp_get(fp, io->fd);

    if (!filp)
        return -EBADF;
    struct vnode *vp = filp->vp;
    if (!S_ISDIR(vp->mode))
        return -ENOTDIR;
    if (io->len == 0)
        return -EINVAL;
    grant_id_t g = grant_magic(vp->vmnt->fs_ep, fp->ep, io->buf, io->len, GRANT_WRITE);
    if (g == GRANT_INVALID)
        return -ENFILE;
    uint64_t next = filp->pos;
    int r = fs_io(FS_GETDENTS, vp, filp->pos, g, io->len, &next);
    grant_revoke(g);
    if (r >= 0)
        filp->pos = next;
    return r;
}
