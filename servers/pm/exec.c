/*
 * exec. vfs does the loading (it reads the file, has vm build the new
 * address space and copies the program and its argument frame in); pm then
 * starts the process at the entry point and resets its caught signals.
 * The argument frame and path live in the memory of src: the process
 * itself for execve, pm for init. The request goes to vfs asynchronously
 * (vfsq.c); exec_finish runs with vfs's answer, then the caller's own
 * continuation.
 *
 * A service rs starts is loaded by rs itself from the program image it
 * keeps (servers/rs/load.c): PM_SRV_EXEC then only starts it, without vfs,
 * so a driver a file system waits for can always be restarted.
 */
#include <string.h>
#include <ember/proto/vfs.h>
#include "pm.h"

#define ARG_MAX_BYTES (256 * 1024)

static exec_done_fn exec_continuations[NR_PROCS];

/* Start target at entry with stack sp, named comm; caught signals reset. */
static int start_program(struct mproc *target, uint64_t entry, uint64_t sp, const char *comm)
{
    int r = sys_exec(target->ep, entry, sp, 0, 0, 0, comm);

    if (r < 0)
        return r;
    memset(target->name, 0, sizeof(target->name));
    strncpy(target->name, comm, sizeof(target->name) - 1);
    for (int s = 1; s < PM_NSIG; s++)
        if (target->sigact[s].handler > 1) /* caught signals revert to default */
            target->sigact[s] = (struct pm_sigact){ 0 };
    return 0;
}

static void exec_finish(struct mproc *target, message *reply)
{
    if (!target || (target->flags & (MP_ZOMBIE | MP_EXITING)))
        return;
    exec_done_fn done = exec_continuations[target - procs];
    struct vfs_pm_exec_reply *x = &reply->vfs_pm_exec_reply;
    int r = reply->m_type;
    if (r < 0 && x->lost) {
        exit_proc(target, SIG_STATUS(SIGKILL)); /* the old image is gone: nothing to return to */
        return;
    }
    if (r == 0) {
        x->comm[sizeof(x->comm) - 1] = '\0';
        r = start_program(target, x->entry, x->stack, x->comm);
    }
    if (r == 0) {
        target->flags |= MP_EXECED;
        target->euid = x->euid; /* a set-user-id program runs as its owner */
        target->egid = x->egid;
        tell_vfs_pgrp(target);
    }
    done(target, r);
}

void exec_into(struct mproc *target, endpoint_t src, uint64_t path, uint32_t path_len,
               uint64_t frame, uint32_t frame_len, exec_done_fn done)
{
    message m;

    if (path_len == 0 || path_len > 4096 || frame_len > ARG_MAX_BYTES) {
        done(target, path_len > 4096 ? -ENAMETOOLONG : -E2BIG);
        return;
    }
    memset(&m, 0, sizeof(m));
    m.m_type = VFS_PM_EXEC;
    m.vfs_pm.ep = target->ep;
    m.vfs_pm.ep2 = src;
    m.vfs_pm.path = path;
    m.vfs_pm.path_len = path_len;
    m.vfs_pm.frame = frame;
    m.vfs_pm.frame_len = frame_len;
    m.vfs_pm.uid = target->uid;
    m.vfs_pm.gid = target->gid;
    m.vfs_pm.euid = target->euid;
    m.vfs_pm.egid = target->egid;
    exec_continuations[target - procs] = done;
    vfs_request(&m, target, exec_finish);
}

/* On success the process runs its new program: there is no one to answer. */
static void exec_answer(struct mproc *mp, int r)
{
    message m;

    if (r == 0)
        return;
    memset(&m, 0, sizeof(m));
    finish_call(mp, &m, r);
}

int do_exec(message *m)
{
    struct pm_exec *e = &m->pm_exec;

    exec_into(caller, caller->ep, e->path, e->path_len, e->frame, e->frame_len, exec_answer);
    return EDONTREPLY;
}

/* rs has loaded a service's program into its child: start it. */
int srv_start_loaded(struct mproc *target, const struct pm_exec *e)
{
    char name[sizeof(e->name) + 1];

    memcpy(name, e->name, sizeof(e->name));
    name[sizeof(e->name)] = '\0';
    return start_program(target, e->path, e->frame, name);
}
