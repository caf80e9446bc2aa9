/* waitpid: reap a zombie, report a stopped child, or wait for one. */
#include <string.h>
#include <sys/wait.h>
#include "pm.h"

static bool matches(const struct mproc *parent, const struct mproc *c, int pid)
{
    if (!c->used || c->ppid != parent->pid || c == parent)
        return false;
    if (pid > 0)
        return c->pid == pid;
    if (pid == 0)
        return c->pgrp == parent->pgrp;
    if (pid < -1)
        return c->pgrp == -pid;
    return true;
}

/* Answer the wait with child's news if it has any; true when answered. */
static bool report(struct mproc *parent, struct mproc *c, int options, message *m)
{
    if (c->flags & MP_ZOMBIE) {
        m->pm_waitpid.status = c->status;
        m->pm_waitpid.pid = c->pid;
        proc_free(c);
        return true;
    }
    if ((options & WUNTRACED) && (c->flags & MP_STOP_REPORT)) {
        c->flags &= ~MP_STOP_REPORT;
        m->pm_waitpid.status = c->status;
        m->pm_waitpid.pid = c->pid;
        return true;
    }
    (void)parent;
    return false;
}

int do_waitpid(message *m)
{
    struct mproc *p = caller;
    int pid = m->pm_waitpid.pid, options = m->pm_waitpid.options;
    bool any = false;

    if (options & ~(WNOHANG | WUNTRACED))
        return -EINVAL;
    for (int i = 0; i < NR_PROCS; i++) {
        struct mproc *c = &procs[i];
        if (!matches(p, c, pid))
            continue;
        any = true;
        if (report(p, c, options, m))
            return m->pm_waitpid.pid;
    }
    if (!any)
        return -ECHILD;
    if (options & WNOHANG) {
        m->pm_waitpid.pid = 0;
        return 0;
    }
    p->flags |= MP_WAITING;
    p->wait_pid = pid;
    p->wait_options = options;
    return EDONTREPLY;
}

/* child has news; if parent waits for it, answer the wait. */
bool wait_wakes(struct mproc *parent, struct mproc *child)
{
    message m;

    if (!matches(parent, child, parent->wait_pid))
        return false;
    memset(&m, 0, sizeof(m));
    if (!report(parent, child, parent->wait_options, &m))
        return false;
    parent->flags &= ~MP_WAITING;
    reply_to(parent, &m, m.pm_waitpid.pid);
    return true;
}
