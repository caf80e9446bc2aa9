/*
 * exec. vfs does the loading (it reads the file, has vm build the new
 * address space and copies the program and its argument frame in); pm then
 * starts the process at the entry point and resets its caught signals.
 * The argument frame and path live in the memory of src: the process
 * itself for execve, rs for a service, pm for init.
 */
#include <string.h>
#include <ember/proto/vfs.h>
#include "pm.h"

#define ARG_MAX_BYTES (256 * 1024)

int exec_into(struct mproc *target, endpoint_t src, uint64_t path, uint32_t path_len,
              uint64_t frame, uint32_t frame_len, uint32_t flags)
{
    message m;

    if (path_len == 0 || (path_len > 4096 && !(flags & EXEC_IMAGE)) || frame_len > ARG_MAX_BYTES)
        return path_len > 4096 ? -ENAMETOOLONG : -E2BIG;
    memset(&m, 0, sizeof(m));
    m.m_type = VFS_PM_EXEC;
    m.vfs_pm.ep = target->ep;
    m.vfs_pm.ep2 = src;
    m.vfs_pm.path = path;
    m.vfs_pm.path_len = path_len;
    m.vfs_pm.frame = frame;
    m.vfs_pm.frame_len = frame_len;
    m.vfs_pm.flags = flags;
    m.vfs_pm.uid = target->uid;
    m.vfs_pm.gid = target->gid;
    m.vfs_pm.euid = target->euid;
    m.vfs_pm.egid = target->egid;
    int r = ipc_call(VFS_EP, &m);
    struct vfs_pm_exec_reply *x = &m.vfs_pm_exec_reply;
    if (r == 0 && m.m_type < 0 && x->lost) {
        exit_proc(target, SIG_STATUS(SIGKILL)); /* the old image is gone: nothing to return to */
        return EDONTREPLY;
    }
    if (r < 0 || m.m_type < 0)
        return r < 0 ? r : m.m_type;
    x->comm[sizeof(x->comm) - 1] = '\0';
    r = sys_exec(target->ep, x->entry, x->stack, 0, 0, 0, x->comm);
    if (r < 0)
        return r;
    strncpy(target->name, x->comm, sizeof(target->name) - 1);
    target->euid = x->euid; /* a set-user-id program runs as its owner */
    target->egid = x->egid;
    tell_vfs_pgrp(target);
    for (int s = 1; s < PM_NSIG; s++)
        if (target->sigact[s].handler > 1) /* caught signals revert to default */
            target->sigact[s] = (struct pm_sigact){ 0 };
    return 0;
}

int do_exec(message *m)
{
    struct pm_exec *e = &m->pm_exec;
    int r = exec_into(caller, caller->ep, e->path, e->path_len, e->frame, e->frame_len, 0);

    /* On success the process runs its new program: there is no one to answer. */
    return r == 0 ? EDONTREPLY : r;
}
