/*
 * Processes as vfs sees them, kept in step by pm: fork copies descriptors
 * and directories, exit closes everything, exec is in exec.c.
 */
#include <string.h>
#include <sys/ioctl.h>
#include "vfs.h"

struct fproc fprocs[NR_FPROCS];
struct fproc *fp;

struct fproc *fproc_get(endpoint_t ep)
{
    struct fproc *f = ep >= 0 ? &fprocs[EP_SLOT(ep)] : NULL;

    return f && f->used && f->ep == ep ? f : NULL;
}

/* An entry for ep (boot processes get one on first contact). */
static void release(struct fproc *f);

struct fproc *fproc_new(endpoint_t ep)
{
    struct fproc *f = &fprocs[EP_SLOT(ep)];

    if (f->used)
        release(f); /* a dead process pm's exit notice has not reached us for yet */
    memset(f, 0, sizeof(*f));
    f->used = true;
    f->ep = ep;
    f->umask = 022;
    f->pgrp = f->sid = 0;
    f->cwd = root_vnode;
    f->root = root_vnode;
    if (root_vnode) {
        vnode_ref(root_vnode);
        vnode_ref(root_vnode);
    }
    return f;
}

static void release(struct fproc *f)
{
    susp_end(f); /* off waiters[] before the slot is reused */
    for (int fd = 0; fd < OPEN_MAX; fd++)
        if (f->fds[fd])
            fd_close(f, fd);
    if (f->cwd)
        vnode_put(f->cwd);
    if (f->root)
        vnode_put(f->root);
    f->cwd = f->root = NULL;
    f->used = false;
}

int do_pm_fork(message *m)
{
    struct fproc *parent = fproc_get(m->vfs_pm.ep);
    struct fproc *child;

    if (m->m_source != PM_EP)
        return -EPERM;
    if (!parent)
        parent = fproc_new(m->vfs_pm.ep);
    child = &fprocs[EP_SLOT(m->vfs_pm.ep2)];
    if (child->used)
        release(child);
    *child = *parent;
    child->ep = m->vfs_pm.ep2;
    child->pid = m->vfs_pm.pid;
    memset(&child->susp, 0, sizeof(child->susp));
    for (int fd = 0; fd < OPEN_MAX; fd++)
        if (child->fds[fd])
            child->fds[fd]->refs++;
    if (child->cwd)
        vnode_ref(child->cwd);
    if (child->root)
        vnode_ref(child->root);
    return 0;
}

/* A session leader exits: its terminal is released (the driver hangs up
 * the session's foreground group). */
static void release_terminal(struct fproc *f)
{
    message m;
    endpoint_t tty = dev_driver(DEV_MAKE(TTY_MAJOR, 0));

    if (tty == NONE)
        return;
    memset(&m, 0, sizeof(m));
    m.m_type = CDEV_IOCTL;
    m.cdev_req.minor = TTY_MINOR_CTTY;
    m.cdev_req.len = TIOCNOTTY;
    m.cdev_req.grant = GRANT_INVALID;
    m.cdev_req.user = f->ep;
    m.cdev_req.pid = f->pid;
    m.cdev_req.pgrp = f->pgrp;
    m.cdev_req.sid = f->sid;
    ipc_call(tty, &m);
}

int do_pm_exit(message *m)
{
    struct fproc *f = fproc_get(m->vfs_pm.ep);

    if (m->m_source != PM_EP)
        return -EPERM;
    sock_server_exit(m->vfs_pm.ep); /* a network server's sockets die with it */
    if (!f)
        return 0;
    if (f->pid > 0 && f->pid == f->sid)
        release_terminal(f);
    if (f->susp.kind == SUSP_SOCK)
        sock_cancel(f, true);
    if (f->susp.kind != SUSP_NONE)
        dev_cancel(f); /* ends device waits; pipe and select waits just go */
    susp_end(f);
    release(f);
    return 0;
}

int do_pm_ids(message *m)
{
    struct fproc *f = fproc_get(m->vfs_pm.ep);

    if (m->m_source != PM_EP)
        return -EPERM;
    if (!f)
        f = fproc_new(m->vfs_pm.ep);
    f->uid = m->vfs_pm.uid;
    f->gid = m->vfs_pm.gid;
    f->euid = m->vfs_pm.euid;
    f->egid = m->vfs_pm.egid;
    return 0;
}

int do_pm_setsid(message *m)
{
    struct fproc *f = fproc_get(m->vfs_pm.ep);

    if (m->m_source != PM_EP)
        return -EPERM;
    (void)f; /* the terminal driver tracks sessions; nothing kept here */
    return 0;
}

int do_pm_reboot(message *m)
{
    if (m->m_source != PM_EP)
        return -EPERM;
    unmount_all();
    return 0;
}

int do_pm_pgrp(message *m)
{
    struct fproc *f = fproc_get(m->vfs_pm_pgrp.ep);

    if (m->m_source != PM_EP)
        return -EPERM;
    if (f) {
        f->pgrp = m->vfs_pm_pgrp.pgrp;
        f->sid = m->vfs_pm_pgrp.sid;
    }
    return 0;
}
