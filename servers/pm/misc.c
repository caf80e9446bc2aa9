/* Times, the clock, the process list, reboot. */
#include <string.h>
#include <ember/proto/vfs.h>
#include <ember/proto/vm.h>
#include "pm.h"

int do_times(message *m)
{
    uint64_t user = 0, up = 0;

    sys_times(caller->ep, &user, NULL, &up);
    m->pm_times.user_ns = user;
    m->pm_times.sys_ns = 0;
    m->pm_times.cuser_ns = caller->child_user_ns;
    m->pm_times.csys_ns = caller->child_sys_ns;
    m->pm_times.uptime_ns = up;
    return 0;
}

int do_gettime(message *m)
{
    int64_t boot = 0;
    uint64_t up = 0, tsc = 0;

    sys_time(&up, &tsc, &boot);
    m->pm_time.uptime_ns = up;
    m->pm_time.boottime = boot;
    m->pm_time.tsc = tsc;
    return 0;
}

int do_settime(message *m)
{
    if (caller->euid != 0)
        return -EPERM;
    return sys_setboottime(m->pm_time.boottime - (int64_t)(now_ns() / 1000000000ull));
}

static char state_of(const struct mproc *mp)
{
    if (mp->flags & MP_ZOMBIE)
        return 'Z';
    if (mp->flags & MP_STOPPED)
        return 'T';
    if (mp->flags & (MP_WAITING | MP_SIGSUSPEND | MP_SLEEPING))
        return 'S';
    return 'R';
}

int do_getprocs(message *m)
{
    struct pm_procinfo info;
    uint64_t n = 0;

    for (int i = 0; i < NR_PROCS; i++) {
        struct mproc *mp = &procs[i];
        if (!mp->used)
            continue;
        if ((n + 1) * sizeof(info) > m->pm_getprocs.size)
            return -E2BIG;
        memset(&info, 0, sizeof(info));
        info.pid = mp->pid;
        info.ppid = mp->ppid;
        info.pgrp = mp->pgrp;
        info.sid = mp->sid;
        info.uid = mp->uid;
        info.gid = mp->gid;
        info.ep = mp->ep;
        info.state = state_of(mp);
        if (mp->ep != NONE)
            sys_times(mp->ep, &info.user_ns, NULL, NULL);
        info.start_ns = mp->start_ns;
        memcpy(info.name, mp->name, sizeof(info.name));
        if (sys_vircopy(SELF, (uint64_t)&info, caller->ep, m->pm_getprocs.buf + n * sizeof(info),
                        sizeof(info)) < 0)
            return -EFAULT;
        n++;
    }
    return (int)n;
}

int do_getep(message *m)
{
    struct mproc *mp = proc_by_pid(m->pm_getep.pid);

    if (!mp || mp->ep == NONE)
        return -ESRCH;
    m->pm_getep.ep = mp->ep;
    return 0;
}

/* Sync and unmount through vfs, then stop the machine. */
static int reboot_how;

static void reboot_done(struct mproc *mp, message *reply)
{
    (void)mp, (void)reply;
    if (reboot_how == RB_REBOOT)
        sys_machine(MACHINE_REBOOT, 0);
    sys_machine(reboot_how == RB_POWEROFF ? MACHINE_POWEROFF : MACHINE_HALT, 0);
}

int do_reboot(message *m)
{
    message v;
    int how = m->pm_reboot.how;

    if (caller->euid != 0)
        return -EPERM;
    if (how != RB_HALT && how != RB_POWEROFF && how != RB_REBOOT)
        return -EINVAL;
    reboot_how = how;
    memset(&v, 0, sizeof(v));
    v.m_type = VFS_PM_REBOOT;
    vfs_request(&v, caller, reboot_done);
    return EDONTREPLY; /* the machine stops once vfs has unmounted everything */
}
