/* The process table: lookup by endpoint and pid, allocation of pids. */
#include <string.h>
#include "pm.h"

struct mproc procs[NR_PROCS];
struct mproc *caller;
static struct mproc *by_slot[NR_SLOTS];

struct mproc *proc_by_ep(endpoint_t ep)
{
    struct mproc *mp = ep >= 0 ? by_slot[EP_SLOT(ep)] : NULL;

    return mp && mp->used && mp->ep == ep ? mp : NULL;
}

struct mproc *proc_by_pid(int pid)
{
    for (int i = 0; i < NR_PROCS; i++)
        if (procs[i].used && procs[i].pid == pid)
            return &procs[i];
    return NULL;
}

static bool pid_in_use(int pid)
{
    for (int i = 0; i < NR_PROCS; i++)
        if (procs[i].used && (procs[i].pid == pid || procs[i].pgrp == pid || procs[i].sid == pid))
            return true;
    return false;
}

/* A free entry with a fresh pid; NULL when the table is full. */
struct mproc *proc_alloc(void)
{
    static int next_pid = 2;

    for (int i = 0; i < NR_PROCS; i++) {
        struct mproc *mp = &procs[i];
        if (mp->used)
            continue;
        memset(mp, 0, sizeof(*mp));
        do {
            next_pid = next_pid >= 30000 ? 2 : next_pid + 1;
        } while (pid_in_use(next_pid));
        mp->pid = next_pid;
        mp->ep = NONE;
        mp->used = true;
        mp->start_ns = now_ns();
        return mp;
    }
    return NULL;
}

void proc_bind(struct mproc *mp, endpoint_t ep)
{
    mp->ep = ep;
    by_slot[EP_SLOT(ep)] = mp;
}

void proc_unbind(struct mproc *mp)
{
    if (mp->ep >= 0 && by_slot[EP_SLOT(mp->ep)] == mp)
        by_slot[EP_SLOT(mp->ep)] = NULL;
    mp->ep = NONE;
}

void proc_free(struct mproc *mp)
{
    proc_unbind(mp);
    mp->used = false;
}

uint64_t now_ns(void)
{
    return sys_uptime_ns();
}

void reply_to(struct mproc *mp, message *m, int result)
{
    if (mp->ep >= 0)
        srv_reply(mp->ep, m, result);
}

/* Answer a call pm finished later (after vfs answered): then deliver the
 * signals that waited for the call to end. */
void finish_call(struct mproc *mp, message *m, int result)
{
    reply_to(mp, m, result);
    if (mp->flags & MP_DELIVER) {
        mp->flags &= ~MP_DELIVER;
        sig_check(mp);
    }
}
