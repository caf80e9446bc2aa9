/*
 * fork and exit. A fork asks vm for the child's address space (copy on
 * write) and vfs for its descriptors, then answers both processes: the
 * child receives the reply to the call it inherited from its parent. An
 * exit closes the process's files, frees its memory, clears it from the
 * kernel and leaves a zombie for the parent's wait.
 */
#include <string.h>
#include <sys/wait.h>
#include <ember/proto/vfs.h>
#include <ember/proto/vm.h>
#include "pm.h"

static int vm_fork(endpoint_t parent, int flags, endpoint_t *child)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = VM_FORK;
    m.vm_mem.ep = parent;
    m.vm_mem.flags = flags;
    int r = ipc_call(VM_EP, &m);
    if (r == 0 && m.m_type == 0)
        *child = m.vm_mem.ep;
    return r < 0 ? r : m.m_type;
}

/* Make child a copy of parent's process state (not its memory). */
static void inherit(struct mproc *child, const struct mproc *parent)
{
    child->ppid = parent->pid;
    child->pgrp = parent->pgrp;
    child->sid = parent->sid;
    child->uid = parent->uid;
    child->euid = parent->euid;
    child->gid = parent->gid;
    child->egid = parent->egid;
    child->sig_mask = parent->sig_mask;
    memcpy(child->sigact, parent->sigact, sizeof(child->sigact));
    child->trampoline = parent->trampoline;
    memcpy(child->name, parent->name, sizeof(child->name));
}

static void vm_exit(endpoint_t ep)
{
    message x = { .m_type = VM_EXIT };

    x.vm_mem.ep = ep;
    ipc_call(VM_EP, &x);
}

/* vfs has (or has not) copied the parent's descriptors to the child: both
 * get their answers and the child starts. */
static void fork_done(struct mproc *child, message *reply)
{
    struct mproc *parent = child ? proc_by_pid(child->ppid) : NULL;
    message m;

    if (!child)
        return;
    if (reply->m_type < 0 || !parent || (parent->flags & (MP_ZOMBIE | MP_EXITING))) {
        vm_exit(child->ep);
        sys_clear(child->ep, 0);
        proc_free(child);
        if (parent && parent->ep != NONE) {
            memset(&m, 0, sizeof(m));
            finish_call(parent, &m, reply->m_type < 0 ? reply->m_type : -EAGAIN);
        }
        return;
    }
    memset(&m, 0, sizeof(m));
    m.pm_fork.pid = 0;
    srv_reply(child->ep, &m, 0); /* the child's fork() returns 0 */
    sys_runctl(child->ep, RUNCTL_RESUME);
    memset(&m, 0, sizeof(m));
    m.pm_fork.pid = child->pid;
    finish_call(parent, &m, child->pid);
}

int do_fork(message *m)
{
    struct mproc *parent = caller, *child = proc_alloc();
    endpoint_t ep = NONE;

    (void)m;
    if (!child)
        return -EAGAIN;
    int r = vm_fork(parent->ep, 0, &ep);
    if (r < 0) {
        proc_free(child);
        return r == -ENOMEM ? -ENOMEM : -EAGAIN;
    }
    proc_bind(child, ep);
    inherit(child, parent);
    vfs_tell(VFS_PM_FORK, parent, child, fork_done);
    return EDONTREPLY; /* fork_done answers */
}

int do_exit(message *m)
{
    exit_proc(caller, EXIT_STATUS(m->pm_exit.status));
    return EDONTREPLY;
}

static void reparent_children(struct mproc *mp)
{
    struct mproc *init = proc_by_pid(INIT_PID);

    for (int i = 0; i < NR_PROCS; i++) {
        struct mproc *c = &procs[i];
        if (!c->used || c->ppid != mp->pid || c == mp)
            continue;
        c->ppid = init ? INIT_PID : 0;
        if ((c->flags & MP_ZOMBIE) && init)
            tell_parent(c);
    }
}

/* The rest of an exit, once vfs has closed the process's files: a zombie
 * for the parent's wait. */
static void exit_done(struct mproc *mp, message *reply)
{
    (void)reply;
    if (!mp || !(mp->flags & MP_EXITING))
        return;
    mp->flags = (mp->flags & MP_SERVICE) | MP_ZOMBIE;
    reparent_children(mp);
    tell_parent(mp);
}

/*
 * End mp with a wait status: its slot in the kernel first (so nobody stays
 * blocked on a process that will never answer: vfs may be waiting on a
 * hung driver right now), then its memory; vfs closes its files when it
 * can, and then the parent learns of the death. A system process's death
 * is told at once: rs must be able to restart a driver that vfs (through a
 * file system) is waiting for.
 */
void exit_proc(struct mproc *mp, int status)
{
    uint64_t user_ns = 0;

    if (mp->flags & (MP_ZOMBIE | MP_EXITING))
        return;
    mp->flags |= MP_EXITING;
    sys_times(mp->ep, &user_ns, NULL, NULL);
    sys_clear(mp->ep, status);
    vm_exit(mp->ep);
    struct mproc *parent = proc_by_pid(mp->ppid);
    if (parent) {
        parent->child_user_ns += user_ns + mp->child_user_ns;
        parent->child_sys_ns += mp->child_sys_ns;
    }
    mp->status = status;
    mp->alarm_at = mp->sleep_until = mp->retry_at = 0;
    bool service = mp->flags & MP_SERVICE;
    vfs_tell(VFS_PM_EXIT, mp, NULL, service ? NULL : exit_done);
    proc_unbind(mp); /* the zombie keeps its pid and place, not its endpoint */
    if (service)
        exit_done(mp, NULL);
    timers_update();
}

/* SIGCHLD's si_code and si_status from a wait status. */
static int child_code(int status)
{
    if (WIFSTOPPED(status))
        return CLD_STOPPED;
    return WIFSIGNALED(status) ? CLD_KILLED : CLD_EXITED;
}

static int child_status(int status)
{
    if (WIFSTOPPED(status))
        return WSTOPSIG(status);
    return WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status);
}

/* A child died or stopped: wake a waiting parent, and send it SIGCHLD (a
 * service, rs, gets a notification instead). */
void tell_parent(struct mproc *child)
{
    struct mproc *parent = proc_by_pid(child->ppid);

    if (!parent || (parent->flags & MP_ZOMBIE)) {
        if (child->flags & MP_ZOMBIE)
            proc_free(child); /* nobody will wait: gone */
        return;
    }
    /* the news, taken before a waiting parent's wait may free the child */
    struct pm_siginfo info = { child_code(child->status), child->pid, child->uid,
                               child_status(child->status) };
    if (parent->flags & MP_WAITING)
        wait_wakes(parent, child);
    if (parent->flags & MP_SERVICE)
        ipc_notify(parent->ep); /* services (rs) learn by notification */
    else if (info.code != CLD_STOPPED || !(parent->sigact[SIGCHLD].flags & SA_NOCLDSTOP))
        sig_send_info(parent, SIGCHLD, &info);
}
