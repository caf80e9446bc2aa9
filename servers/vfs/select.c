/*
 * select and poll. Each descriptor is asked whether it is ready: files
 * always are, pipes answer from their buffers, character devices are asked
 * (and told to notify vfs when they become ready). If nothing is ready the
 * caller waits suspended until a pipe changes, a device notifies, or the
 * timeout passes; then everything is asked again. A pipe's change wakes
 * only the waits that watch some pipe: asking a socket or a device again
 * costs a call to its server, and they notify vfs themselves.
 */
#include <poll.h>
#include <string.h>
#include "vfs.h"

static int ready_ops(struct filp *filp, int ops, bool notify)
{
    struct vnode *vp = filp->vp;

    if (S_ISFIFO(vp->mode))
        return pipe_ready(vp, ops);
    if (S_ISCHR(vp->mode))
        return dev_select(filp, ops, notify);
    if (S_ISSOCK(vp->mode))
        return sock_select(filp, ops, notify);
    return ops & (SEL_RD | SEL_WR);
}

static bool bit(const uint64_t *set, int fd)
{
    return (set[fd / 64] >> (fd % 64)) & 1;
}
static void set_bit(uint64_t *set, int fd)
{
    set[fd / 64] |= 1ull << (fd % 64);
}

/* Evaluate a select; returns the ready count (or -EBADF) and the result sets,
 * and in *on_pipe whether a descriptor is a pipe. */
static int eval_select(struct fproc *f, int nfds, const struct vfs_fdsets *in,
                       struct vfs_fdsets *out, bool notify, bool *on_pipe)
{
    int count = 0;

    memset(out, 0, sizeof(*out));
    for (int fd = 0; fd < nfds; fd++) {
        int ops = (bit(in->read, fd) ? SEL_RD : 0) | (bit(in->write, fd) ? SEL_WR : 0) |
                  (bit(in->except, fd) ? SEL_ERR : 0);
        if (!ops)
            continue;
        struct filp *filp = filp_get(f, fd);
        if (!filp)
            return -EBADF;
        *on_pipe |= S_ISFIFO(filp->vp->mode);
        int ready = ready_ops(filp, ops, notify);
        if (ready & SEL_ERR && !(ops & SEL_ERR))
            ready = ops & (SEL_RD | SEL_WR); /* an error makes it "ready": the call will tell */
        if ((ready & SEL_RD) && (ops & SEL_RD))
            set_bit(out->read, fd), count++;
        if ((ready & SEL_WR) && (ops & SEL_WR))
            set_bit(out->write, fd), count++;
        if ((ready & SEL_ERR) && (ops & SEL_ERR))
            set_bit(out->except, fd), count++;
    }
    return count;
}

/* The answer: into the request message for small sets (it becomes the
 * reply, now or on resume), else into the caller's struct vfs_fdsets. */
static int finish_select(struct fproc *f, message *req, struct vfs_fdsets *out, int count)
{
    struct vfs_select *s = &req->vfs_select;

    if (s->nfds <= VFS_SELECT_INLINE) {
        s->read = out->read[0];
        s->write = out->write[0];
        s->except = out->except[0];
        return count;
    }
    if (sys_vircopy(SELF, (uint64_t)out, f->ep, s->sets, sizeof(*out)) < 0)
        return -EFAULT;
    return count;
}

static int select_sets(struct fproc *f, const struct vfs_select *s, struct vfs_fdsets *in)
{
    if (s->nfds > VFS_SELECT_INLINE)
        return sys_vircopy(f->ep, s->sets, SELF, (uint64_t)in, sizeof(*in)) < 0 ? -EFAULT : 0;
    memset(in, 0, sizeof(*in));
    in->read[0] = s->read;
    in->write[0] = s->write;
    in->except[0] = s->except;
    return 0;
}

static int select_now(struct fproc *f, message *req, bool may_wait, bool *on_pipe)
{
    struct vfs_fdsets in, out;
    struct vfs_select *s = &req->vfs_select;

    if (s->nfds < 0 || s->nfds > VFS_FD_SETSIZE)
        return -EINVAL;
    int r = select_sets(f, s, &in);
    if (r < 0)
        return r;
    int n = eval_select(f, s->nfds, &in, &out, may_wait && s->timeout_us != 0, on_pipe);
    if (n != 0 || !may_wait || s->timeout_us == 0)
        return n < 0 ? n : finish_select(f, req, &out, n);
    return EDONTREPLY;
}

int do_select(message *m)
{
    bool on_pipe = false;
    int r = select_now(fp, m, true, &on_pipe);

    if (r == EDONTREPLY) {
        suspend(fp, SUSP_SELECT, m);
        fp->susp.on_pipe = on_pipe;
        int64_t t = m->vfs_select.timeout_us;
        fp->susp.deadline = t > 0 ? now_ns() + (uint64_t)t * 1000 : 0;
        timers_update();
    }
    return r;
}

/* poll: the same over an array of struct pollfd in the caller. */
static int poll_now(struct fproc *f, message *req, bool notify, bool *on_pipe)
{
    struct pollfd fds[64];
    struct vfs_poll *p = &req->vfs_poll;
    bool inl = p->nfds <= VFS_POLL_INLINE;
    int count = 0;

    if (p->nfds > 64)
        return -EINVAL;
    if (inl)
        memcpy(fds, p->inl, p->nfds * sizeof(fds[0]));
    else if (sys_vircopy(f->ep, p->fds, SELF, (uint64_t)fds, p->nfds * sizeof(fds[0])) < 0)
        return -EFAULT;
    for (uint32_t i = 0; i < p->nfds; i++) {
        struct filp *filp = fds[i].fd >= 0 ? filp_get(f, fds[i].fd) : NULL;
        fds[i].revents = 0;
        if (fds[i].fd < 0)
            continue;
        if (!filp) {
            fds[i].revents = POLLNVAL;
            count++;
            continue;
        }
        *on_pipe |= S_ISFIFO(filp->vp->mode);
        int ops = ((fds[i].events & (POLLIN | POLLRDNORM)) ? SEL_RD : 0) |
                  ((fds[i].events & (POLLOUT | POLLWRNORM)) ? SEL_WR : 0);
        int ready = ready_ops(filp, ops | SEL_ERR, notify);
        fds[i].revents = (short)(((ready & SEL_RD) ? (fds[i].events & (POLLIN | POLLRDNORM)) : 0) |
                                 ((ready & SEL_WR) ? (fds[i].events & (POLLOUT | POLLWRNORM)) : 0) |
                                 ((ready & SEL_ERR) ? POLLERR : 0));
        if (S_ISFIFO(filp->vp->mode) && (filp->flags & O_ACCMODE) == O_RDONLY &&
            pipe_hung_up(filp->vp))
            fds[i].revents |= POLLHUP; /* always reported, asked for or not */
        if (fds[i].revents)
            count++;
    }
    if (count == 0 && notify)
        return EDONTREPLY;
    if (inl) /* the request becomes the reply, now or on resume */
        memcpy(p->inl, fds, p->nfds * sizeof(fds[0]));
    else if (sys_vircopy(SELF, (uint64_t)fds, f->ep, p->fds, p->nfds * sizeof(fds[0])) < 0)
        return -EFAULT;
    return count;
}

int do_poll(message *m)
{
    bool on_pipe = false;
    int r = poll_now(fp, m, m->vfs_poll.timeout_ms != 0, &on_pipe);

    if (r == EDONTREPLY) {
        suspend(fp, SUSP_POLL, m);
        fp->susp.on_pipe = on_pipe;
        int t = m->vfs_poll.timeout_ms;
        fp->susp.deadline = t > 0 ? now_ns() + (uint64_t)t * 1000000 : 0;
        timers_update();
    }
    return r;
}

/* Retry the waiting selects and polls (only those watching a pipe when
 * pipes_only); a wait still waiting notes again whether it watches one. */
static void recheck(bool pipes_only)
{
    FOR_EACH_WAITER(f)
    {
        if ((f->susp.kind != SUSP_SELECT && f->susp.kind != SUSP_POLL) ||
            (pipes_only && !f->susp.on_pipe))
            continue;
        bool on_pipe = false;
        int r = f->susp.kind == SUSP_SELECT ? select_now(f, &f->susp.req, true, &on_pipe)
                                            : poll_now(f, &f->susp.req, true, &on_pipe);
        if (r != EDONTREPLY)
            resume_reply(f, r);
        else
            f->susp.on_pipe = on_pipe;
    }
}

/* Something changed: retry every waiting select and poll. */
void select_recheck(void)
{
    recheck(false);
}

/* A pipe changed: retry the waits that watch a pipe. */
void select_recheck_pipes(void)
{
    recheck(true);
}

void select_timeouts(void)
{
    uint64_t now = now_ns();

    FOR_EACH_WAITER(f)
    {
        if ((f->susp.kind != SUSP_SELECT && f->susp.kind != SUSP_POLL) || !f->susp.deadline ||
            f->susp.deadline > now)
            continue;
        bool on_pipe = false;
        int r = f->susp.kind == SUSP_SELECT ? select_now(f, &f->susp.req, false, &on_pipe)
                                            : poll_now(f, &f->susp.req, false, &on_pipe);
        resume_reply(f, r == EDONTREPLY ? 0 : r);
    }
    timers_update();
}
