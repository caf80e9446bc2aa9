/*
 * Suspended calls: a process whose call cannot finish now keeps its request
 * here and gets no reply until it finishes, or until pm asks vfs to end the
 * wait because a signal arrived (VFS_PM_UNPAUSE: the call returns what it
 * has done so far, or EINTR). vfs's one alarm serves the select and poll
 * timeouts.
 */
#include <string.h>
#include "vfs.h"

struct fproc *waiters[NR_FPROCS];
int nwaiters;

void suspend(struct fproc *f, enum susp_kind kind, message *req)
{
    if (f->susp.kind == SUSP_NONE) {
        f->waiter_index = nwaiters;
        waiters[nwaiters++] = f;
    }
    memset(&f->susp, 0, sizeof(f->susp));
    f->susp.kind = kind;
    f->susp.req = *req;
}

/* f waits no more: out of waiters[], the last entry moving into its place. */
void susp_end(struct fproc *f)
{
    if (f->susp.kind == SUSP_NONE)
        return;
    f->susp.kind = SUSP_NONE;
    struct fproc *last = waiters[--nwaiters];
    waiters[f->waiter_index] = last;
    last->waiter_index = f->waiter_index;
}

void resume_reply(struct fproc *f, int result)
{
    message m = f->susp.req;

    susp_end(f);
    srv_reply(f->ep, &m, result);
}

int do_pm_unpause(message *m)
{
    struct fproc *f = fproc_get(m->vfs_pm.ep);
    int r = -EINTR;

    if (m->m_source != PM_EP)
        return -EPERM;
    if (!f || f->susp.kind == SUSP_NONE)
        return 0;
    switch (f->susp.kind) {
    case SUSP_PIPE_READ:
    case SUSP_PIPE_WRITE:
        r = f->susp.done ? (int)f->susp.done : -EINTR;
        break;
    case SUSP_DEV:
        r = dev_cancel(f);
        if (r == -ENOENT) /* it finished already: its late reply is on the way */
            return 0;
        break;
    default:
        break;
    }
    resume_reply(f, r);
    return 1;
}

uint64_t now_ns(void)
{
    return sys_uptime_ns();
}

void timers_update(void)
{
    uint64_t next = 0;

    FOR_EACH_WAITER(f)
    {
        if ((f->susp.kind == SUSP_SELECT || f->susp.kind == SUSP_POLL) && f->susp.deadline &&
            (!next || f->susp.deadline < next))
            next = f->susp.deadline;
    }
    sys_setalarm(next, 0, NULL);
}
