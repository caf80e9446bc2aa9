/*
 * System processes. At start-up pm adopts the boot processes (the kernel
 * made them; pm records them and becomes their supervisor) and starts init
 * from the file system. rs starts further services through PM_SRV_FORK (an
 * empty child of rs) and PM_SRV_EXEC (a program loaded into it), and ends
 * them with PM_SRV_KILL.
 */
#include <stdio.h>
#include <string.h>
#include <ember/execframe.h>
#include <ember/proto/vm.h>
#include "pm.h"

#define INIT_PATH "/sbin/init"

/* The privileges every ordinary process shares: calls to pm, vfs, vm, rs. */
static void set_user_priv(endpoint_t ep)
{
    struct priv_spec u;

    memset(&u, 0, sizeof(u));
    u.id = PRIV_ID_USER;
    u.traps = TRAPS_USER;
    u.supervisor = PM_EP;
    u.ipc_to = 1ull << PM_PRIV_ID | 1ull << VFS_PRIV_ID | 1ull << VM_PRIV_ID | 1ull << RS_PRIV_ID;
    if (sys_privctl(ep, PRIVCTL_SET, &u) < 0)
        srv_panic("cannot set user privileges");
}

static void supervise(endpoint_t ep)
{
    struct priv_spec s;

    if (sys_privctl(ep, PRIVCTL_GET, &s) == 0) {
        s.supervisor = PM_EP;
        sys_privctl(ep, PRIVCTL_SET, &s);
    }
}

void services_adopt(void)
{
    static struct kinfo_module mods[32];
    int n = 0, rs_pid = 0;

    if (sys_getinfo(INFO_MODULES, mods, sizeof(mods), &n) < 0)
        srv_panic("cannot read the boot module list");
    for (int i = 0; i < n; i++) {
        if (mods[i].ep == NONE)
            continue;
        struct mproc *mp = proc_alloc();
        if (!mp)
            srv_panic("process table full at boot");
        proc_bind(mp, mods[i].ep);
        mp->flags = MP_SERVICE;
        mp->pgrp = mp->sid = mp->pid;
        snprintf(mp->name, sizeof(mp->name), "%.31s", mods[i].name);
        if (mods[i].ep == RS_EP)
            rs_pid = mp->pid;
        if (mods[i].ep != PM_EP)
            supervise(mods[i].ep);
    }
    for (int i = 0; i < NR_PROCS; i++)
        if (procs[i].used && procs[i].ep != RS_EP)
            procs[i].ppid = rs_pid;
}

static int vm_fork_empty(endpoint_t parent, endpoint_t *child)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = VM_FORK;
    m.vm_mem.ep = parent;
    m.vm_mem.flags = VM_FORK_EMPTY;
    int r = ipc_call(VM_EP, &m);
    if (r == 0 && m.m_type == 0)
        *child = m.vm_mem.ep;
    return r < 0 ? r : m.m_type;
}

/* The kernel command line, as init's arguments: "key=value" words become
 * its environment, the others its arguments (the first word, the kernel's
 * own path, is left out). */
static void init_args(char **argv, char **envp, int max)
{
    static struct kinfo_kernel k;
    int na = 0, ne = 0;

    argv[na++] = "init";
    if (sys_getinfo(INFO_KERNEL, &k, sizeof(k), NULL) == 0) {
        for (char *w = strtok(k.cmdline, " "); w; w = strtok(NULL, " ")) {
            if (w[0] == '/' || w[0] == '@')
                continue;
            if (strchr(w, '=') && ne < max - 1)
                envp[ne++] = w;
            else if (!strchr(w, '=') && na < max - 1)
                argv[na++] = w;
        }
    }
    argv[na] = envp[ne] = NULL;
}

static void init_started(struct mproc *mp, int r)
{
    if (r != 0) {
        char msg[80];
        snprintf(msg, sizeof(msg), "pm: cannot start %s: error %d\n", INIT_PATH, r);
        sys_kprint(msg, strlen(msg));
        return;
    }
    sys_runctl(mp->ep, RUNCTL_RESUME);
}

void start_init(void)
{
    static char frame[2048];
    char *argv[32], *envp[32];
    struct mproc *mp = proc_alloc();
    endpoint_t ep = NONE;

    if (!mp || vm_fork_empty(PM_EP, &ep) < 0)
        srv_panic("cannot create init");
    mp->pid = mp->pgrp = mp->sid = INIT_PID;
    proc_bind(mp, ep);
    strcpy(mp->name, "init");
    set_user_priv(ep);
    init_args(argv, envp, 32);
    long len = exec_frame_build(frame, sizeof(frame), argv, envp);
    exec_into(mp, PM_EP, (uint64_t)INIT_PATH, sizeof(INIT_PATH), (uint64_t)frame, (uint32_t)len,
              init_started);
}

int do_srv_fork(message *m)
{
    struct mproc *mp;
    endpoint_t ep = NONE;

    if (caller->ep != RS_EP)
        return -EPERM;
    mp = proc_alloc();
    if (!mp)
        return -EAGAIN;
    int r = vm_fork_empty(caller->ep, &ep);
    if (r < 0) {
        proc_free(mp);
        return r;
    }
    proc_bind(mp, ep);
    mp->flags = MP_SERVICE;
    mp->ppid = caller->pid;
    mp->pgrp = mp->sid = mp->pid;
    m->pm_fork.pid = mp->pid;
    m->pm_fork.ep = ep;
    return mp->pid;
}

int do_srv_exec(message *m)
{
    struct mproc *target = proc_by_ep(m->pm_exec.target);

    if (caller->ep != RS_EP)
        return -EPERM;
    if (!target || target->ppid != caller->pid || !(target->flags & MP_SERVICE))
        return -ESRCH;
    return srv_start_loaded(target, &m->pm_exec);
}

int do_srv_kill(message *m)
{
    struct mproc *target = proc_by_ep(m->pm_getep.ep);

    if (caller->ep != RS_EP)
        return -EPERM;
    if (!target || !(target->flags & MP_SERVICE))
        return -ESRCH;
    exit_proc(target, SIG_STATUS(SIGKILL));
    return 0;
}
