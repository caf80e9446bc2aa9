/*
 * Pipes live inside vfs: a ring buffer per pipe, the data copied between
 * the writer's and the reader's memory. A reader of an empty pipe, or a
 * writer to a full one, waits suspended; each transfer revives the waiters
 * on the other end. Writes of up to PIPE_BUF bytes are atomic.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "vfs.h"

#define ATOMIC_WRITE 4096

struct pipe {
    uint8_t buf[PIPE_SIZE];
    uint32_t head, count;
    int readers, writers;
};

static int pipe_alloc(struct vnode *vp)
{
    if (!vp->pipe && !(vp->pipe = calloc(1, sizeof(struct pipe))))
        return -ENOMEM;
    return 0;
}

int do_pipe(message *m)
{
    struct vnode *vp = vnode_new_pipe();
    struct filp *r = NULL, *w = NULL;

    if (!vp)
        return -ENFILE;
    vp->uid = (uint32_t)fp->euid;
    vp->gid = (uint32_t)fp->egid;
    if (pipe_alloc(vp) < 0 || !(r = filp_new(vp, O_RDONLY))) {
        vnode_put(vp);
        return -ENFILE;
    }
    vnode_ref(vp);
    if (!(w = filp_new(vp, O_WRONLY))) {
        r->refs = 0;
        vnode_put(vp);
        vnode_put(vp);
        return -ENFILE;
    }
    vp->pipe->readers = vp->pipe->writers = 1;
    bool cloexec = m->vfs_fd.flags & O_CLOEXEC;
    int fd0 = fd_install(fp, r, 0, cloexec);
    int fd1 = fd0 < 0 ? fd0 : fd_install(fp, w, 0, cloexec);
    if (fd1 < 0) {
        if (fd0 >= 0)
            fd_close(fp, fd0);
        else
            filp_put(r);
        filp_put(w);
        return -EMFILE;
    }
    if (m->vfs_fd.flags & O_NONBLOCK)
        r->flags |= O_NONBLOCK, w->flags |= O_NONBLOCK;
    int pair[2] = { fd0, fd1 };
    if (m->vfs_fd.buf &&
        sys_vircopy(SELF, (uint64_t)pair, fp->ep, m->vfs_fd.buf, sizeof(pair)) < 0) {
        fd_close(fp, fd0); /* nowhere to put them: as if never made */
        fd_close(fp, fd1);
        return -EFAULT;
    }
    m->vfs_fd.fd = fd0;
    m->vfs_fd.fd2 = fd1;
    return 0;
}

/* Copy n bytes between the ring at offset pos and user memory. */
static int ring_copy(struct pipe *p, uint32_t pos, endpoint_t who, uint64_t addr, uint32_t n,
                     bool to_user)
{
    while (n > 0) {
        uint32_t at = pos % PIPE_SIZE, chunk = n < PIPE_SIZE - at ? n : PIPE_SIZE - at;
        int r = to_user ? sys_vircopy(SELF, (uint64_t)&p->buf[at], who, addr, chunk)
                        : sys_vircopy(who, addr, SELF, (uint64_t)&p->buf[at], chunk);
        if (r < 0)
            return -EFAULT;
        pos += chunk, addr += chunk, n -= chunk;
    }
    return 0;
}

int pipe_read(struct fproc *f, struct filp *filp, uint64_t buf, uint64_t len, uint64_t *done)
{
    struct vnode *vp = filp->vp;
    struct pipe *p = vp->pipe;

    (void)done;
    if (len == 0)
        return 0;
    if (p->count == 0) {
        if (p->writers == 0)
            return 0;
        if (filp->flags & O_NONBLOCK)
            return -EAGAIN;
        f->susp.filp = filp;
        return EDONTREPLY;
    }
    uint32_t n = p->count < len ? p->count : (uint32_t)len;
    if (ring_copy(p, p->head, f->ep, buf, n, true) < 0)
        return -EFAULT;
    p->head = (p->head + n) % PIPE_SIZE;
    p->count -= n;
    pipe_revive(vp);
    return (int)n;
}

int pipe_write(struct fproc *f, struct filp *filp, uint64_t buf, uint64_t len, uint64_t *done)
{
    struct vnode *vp = filp->vp;
    struct pipe *p = vp->pipe;

    if (p->readers == 0)
        return *done ? (int)*done : -EPIPE;
    uint64_t left = len - *done;
    uint32_t space = PIPE_SIZE - p->count;
    bool atomic = len <= ATOMIC_WRITE;
    if (left > 0 && (space == 0 || (atomic && space < left))) {
        if (filp->flags & O_NONBLOCK)
            return *done ? (int)*done : -EAGAIN;
        f->susp.filp = filp;
        return EDONTREPLY;
    }
    uint32_t n = left < space ? (uint32_t)left : space;
    if (ring_copy(p, p->head + p->count, f->ep, buf + *done, n, false) < 0)
        return *done ? (int)*done : -EFAULT;
    p->count += n;
    *done += n;
    pipe_revive(vp);
    if (*done < len && !(filp->flags & O_NONBLOCK)) {
        f->susp.filp = filp;
        return EDONTREPLY;
    }
    return (int)*done;
}

void pipe_open_end(struct vnode *vp, int flags)
{
    if (pipe_alloc(vp) < 0)
        return;
    if ((flags & O_ACCMODE) != O_WRONLY)
        vp->pipe->readers++;
    if ((flags & O_ACCMODE) != O_RDONLY)
        vp->pipe->writers++;
}

void pipe_close_end(struct vnode *vp, int flags)
{
    if ((flags & O_ACCMODE) != O_WRONLY)
        vp->pipe->readers--;
    if ((flags & O_ACCMODE) != O_RDONLY)
        vp->pipe->writers--;
    pipe_revive(vp);
}

/* Retry the suspended transfers on vp; finish those that can finish. */
void pipe_revive(struct vnode *vp)
{
    static bool busy;

    if (busy)
        return; /* a revived transfer revives the others when it returns */
    busy = true;
    FOR_EACH_WAITER(f)
    {
        struct suspension *s = &f->susp;
        if ((s->kind != SUSP_PIPE_READ && s->kind != SUSP_PIPE_WRITE) || s->filp->vp != vp)
            continue;
        struct vfs_io *io = &s->req.vfs_io;
        int r = s->kind == SUSP_PIPE_READ ? pipe_read(f, s->filp, io->buf, io->len, &s->done)
                                          : pipe_write(f, s->filp, io->buf, io->len, &s->done);
        if (r != EDONTREPLY)
            resume_reply(f, r);
    }
    busy = false;
    select_recheck_pipes();
}

/* Which of SEL_RD, SEL_WR are ready on a pipe now. */
int pipe_ready(struct vnode *vp, int ops)
{
    struct pipe *p = vp->pipe;
    int ready = 0;

    if (!p)
        return ops & (SEL_RD | SEL_WR);
    if ((ops & SEL_RD) && (p->count > 0 || p->writers == 0))
        ready |= SEL_RD;
    if ((ops & SEL_WR) && (p->count < PIPE_SIZE || p->readers == 0))
        ready |= SEL_WR;
    return ready;
}

/* A pipe whose other end is all closed: no writers (for a reader). */
bool pipe_hung_up(struct vnode *vp)
{
    return vp->pipe && vp->pipe->writers == 0;
}
