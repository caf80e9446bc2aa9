/* Process ids, groups, sessions, user and group ids. */
#include <string.h>
#include <ember/proto/vfs.h>
#include "pm.h"

int do_getpids(message *m)
{
    m->pm_getpids.pid = caller->pid;
    m->pm_getpids.ppid = caller->ppid;
    m->pm_getpids.pgrp = caller->pgrp;
    m->pm_getpids.sid = caller->sid;
    return caller->pid;
}

int do_getids(message *m)
{
    m->pm_ids.uid = caller->uid;
    m->pm_ids.euid = caller->euid;
    m->pm_ids.gid = caller->gid;
    m->pm_ids.egid = caller->egid;
    return 0;
}

/*
 * A change of ids or groups is answered only once vfs has it (vfsq.c
 * keeps pm's requests in order): the process's next call to vfs must be
 * judged with the new ids, and its terminal must know its new group.
 */
static int answers[NR_PROCS];

static void answer_after_vfs(struct mproc *mp, message *reply)
{
    message m;

    (void)reply;
    if (!mp || (mp->flags & (MP_ZOMBIE | MP_EXITING)))
        return;
    memset(&m, 0, sizeof(m));
    finish_call(mp, &m, answers[mp - procs]);
}

/* Have vfs learn m (about anyone), then answer the caller with result. */
static int tell_then_answer(message *m, int result)
{
    answers[caller - procs] = result;
    vfs_request(m, caller, answer_after_vfs);
    return EDONTREPLY;
}

static void ids_message(message *m, const struct mproc *mp)
{
    memset(m, 0, sizeof(*m));
    m->m_type = VFS_PM_IDS;
    m->vfs_pm.ep = mp->ep;
    m->vfs_pm.uid = mp->uid;
    m->vfs_pm.euid = mp->euid;
    m->vfs_pm.gid = mp->gid;
    m->vfs_pm.egid = mp->egid;
}

static void pgrp_message(message *m, const struct mproc *mp)
{
    memset(m, 0, sizeof(*m));
    m->m_type = VFS_PM_PGRP;
    m->vfs_pm_pgrp.ep = mp->ep;
    m->vfs_pm_pgrp.pgrp = mp->pgrp;
    m->vfs_pm_pgrp.sid = mp->sid;
}

/* vfs passes process groups to drivers (job control): keep it in step. */
void tell_vfs_pgrp(struct mproc *mp)
{
    message m;

    pgrp_message(&m, mp);
    vfs_request(&m, mp, NULL);
}

int do_setuid(message *m)
{
    int id = m->pm_ids.uid;

    if (id < 0)
        return -EINVAL;
    if (caller->euid == 0)
        caller->uid = caller->euid = id;
    else if (id == caller->uid)
        caller->euid = id;
    else
        return -EPERM;
    message v;
    ids_message(&v, caller);
    return tell_then_answer(&v, 0);
}

int do_setgid(message *m)
{
    int id = m->pm_ids.gid;

    if (id < 0)
        return -EINVAL;
    if (caller->euid == 0)
        caller->gid = caller->egid = id;
    else if (id == caller->gid)
        caller->egid = id;
    else
        return -EPERM;
    message v;
    ids_message(&v, caller);
    return tell_then_answer(&v, 0);
}

static bool is_group_leader(const struct mproc *mp)
{
    for (int i = 0; i < NR_PROCS; i++)
        if (procs[i].used && !(procs[i].flags & MP_ZOMBIE) && procs[i].pgrp == mp->pid &&
            &procs[i] != mp)
            return true;
    return mp->pgrp == mp->pid;
}

int do_setsid(message *m)
{
    message v;

    (void)m;
    if (is_group_leader(caller))
        return -EPERM;
    caller->sid = caller->pgrp = caller->pid;
    memset(&v, 0, sizeof(v));
    v.m_type = VFS_PM_SETSID;
    v.vfs_pm.ep = caller->ep;
    vfs_request(&v, caller, NULL);
    pgrp_message(&v, caller);
    return tell_then_answer(&v, caller->sid);
}

static bool group_in_session(int pgrp, int sid)
{
    for (int i = 0; i < NR_PROCS; i++)
        if (procs[i].used && !(procs[i].flags & MP_ZOMBIE) && procs[i].pgrp == pgrp)
            return procs[i].sid == sid;
    return false;
}

/* setpgid(pid, pgid): the caller or one of its children (before exec is
 * not tracked: any child), into a group of the same session. */
int do_setpgid(message *m)
{
    int pid = m->pm_pgid.pid ? m->pm_pgid.pid : caller->pid;
    struct mproc *mp = proc_by_pid(pid);
    int pgid = m->pm_pgid.pgid ? m->pm_pgid.pgid : pid;

    if (pgid < 0)
        return -EINVAL;
    if (!mp || (mp != caller && mp->ppid != caller->pid) || (mp->flags & MP_ZOMBIE))
        return -ESRCH;
    if (mp != caller && (mp->flags & MP_EXECED))
        return -EACCES;
    if (mp->sid != caller->sid || mp->sid == mp->pid)
        return -EPERM;
    if (pgid != mp->pid && !group_in_session(pgid, mp->sid))
        return -EPERM;
    mp->pgrp = pgid;
    message v;
    pgrp_message(&v, mp);
    return tell_then_answer(&v, 0);
}

int do_getpgid(message *m)
{
    struct mproc *mp = m->pm_pgid.pid ? proc_by_pid(m->pm_pgid.pid) : caller;

    if (!mp || (mp->flags & MP_ZOMBIE))
        return -ESRCH;
    m->pm_pgid.pgid = mp->pgrp;
    return mp->pgrp;
}

int do_getsid(message *m)
{
    struct mproc *mp = m->pm_pgid.pid ? proc_by_pid(m->pm_pgid.pid) : caller;

    if (!mp || (mp->flags & MP_ZOMBIE))
        return -ESRCH;
    m->pm_pgid.pgid = mp->sid;
    return mp->sid;
}
