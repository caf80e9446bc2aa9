/* Descriptors and open files: allocation, dup, fcntl, close. */
#include <string.h>
#include "vfs.h"

static struct filp filps[NR_FILPS];

struct filp *filp_get(struct fproc *f, int fd)
{
    return fd >= 0 && fd < OPEN_MAX ? f->fds[fd] : NULL;
}

/* The lowest free descriptor at or above start, or -EMFILE. */
int fd_alloc(struct fproc *f, int start)
{
    for (int fd = start < 0 ? 0 : start; fd < OPEN_MAX; fd++)
        if (!f->fds[fd])
            return fd;
    return -EMFILE;
}

/* A new open file holding a reference to vp (taken over from the caller). */
struct filp *filp_new(struct vnode *vp, int flags)
{
    for (int i = 0; i < NR_FILPS; i++) {
        struct filp *filp = &filps[i];
        if (filp->refs)
            continue;
        memset(filp, 0, sizeof(*filp));
        filp->refs = 1;
        filp->vp = vp;
        filp->flags = flags;
        return filp;
    }
    return NULL;
}

void filp_put(struct filp *filp)
{
    if (--filp->refs > 0)
        return;
    struct vnode *vp = filp->vp;
    if (S_ISFIFO(vp->mode) && vp->pipe)
        pipe_close_end(vp, filp->flags);
    else if (S_ISCHR(vp->mode))
        dev_close(filp);
    else if (S_ISSOCK(vp->mode))
        sock_close(filp);
    vnode_put(vp);
    filp->vp = NULL;
}

int fd_install(struct fproc *f, struct filp *filp, int start, bool cloexec)
{
    int fd = fd_alloc(f, start);

    if (fd < 0)
        return fd;
    f->fds[fd] = filp;
    if (cloexec)
        f->cloexec |= 1ull << fd;
    else
        f->cloexec &= ~(1ull << fd);
    return fd;
}

void fd_close(struct fproc *f, int fd)
{
    struct filp *filp = f->fds[fd];

    f->fds[fd] = NULL;
    f->cloexec &= ~(1ull << fd);
    if (filp)
        filp_put(filp);
}

int do_close(message *m)
{
    int fd = m->vfs_fd.fd;

    if (!filp_get(fp, fd))
        return -EBADF;
    fd_close(fp, fd);
    return 0;
}

/* dup (fd2 < 0: lowest free) and dup2 (fd2 >= 0: exactly fd2). */
int do_dup(message *m)
{
    struct filp *filp = filp_get(fp, m->vfs_fd.fd);
    int fd2 = m->vfs_fd.fd2;

    if (!filp)
        return -EBADF;
    if (fd2 >= OPEN_MAX)
        return -EBADF;
    if (fd2 < 0)
        fd2 = fd_alloc(fp, 0);
    if (fd2 < 0)
        return fd2;
    if (fd2 == m->vfs_fd.fd)
        return fd2;
    if (fp->fds[fd2])
        fd_close(fp, fd2);
    filp->refs++;
    fp->fds[fd2] = filp;
    fp->cloexec &= ~(1ull << fd2);
    return fd2;
}

#define STATUS_FLAGS (O_APPEND | O_NONBLOCK)

int do_fcntl(message *m)
{
    int fd = m->vfs_fd.fd;
    struct filp *filp = filp_get(fp, fd);
    int64_t arg = m->vfs_fd.arg;

    if (!filp)
        return -EBADF;
    switch (m->vfs_fd.cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC: {
        if (arg < 0 || arg >= OPEN_MAX)
            return -EINVAL;
        int nfd = fd_install(fp, filp, (int)arg, m->vfs_fd.cmd == F_DUPFD_CLOEXEC);
        if (nfd >= 0)
            filp->refs++;
        return nfd;
    }
    case F_GETFD:
        return (fp->cloexec >> fd) & 1 ? FD_CLOEXEC : 0;
    case F_SETFD:
        if (arg & FD_CLOEXEC)
            fp->cloexec |= 1ull << fd;
        else
            fp->cloexec &= ~(1ull << fd);
        return 0;
    case F_GETFL:
        return filp->flags;
    case F_SETFL:
        filp->flags = (filp->flags & ~STATUS_FLAGS) | ((int)arg & STATUS_FLAGS);
        return 0;
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
        return 0; /* advisory locks: every lock is granted */
    default:
        return -EINVAL;
    }
}
