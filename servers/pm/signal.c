/*
 * Signals: who may signal whom, what each signal does by default, and the
 * calls that change a process's handlers and mask. Delivery itself, which
 * must wait until the process is out of any IPC, is in deliver.c.
 */
#include <string.h>
#include "pm.h"

#define BIT(sig)       (1ull << (sig))
#define UNBLOCKABLE    (BIT(SIGKILL) | BIT(SIGSTOP))
#define STOP_SIGNALS   (BIT(SIGSTOP) | BIT(SIGTSTP) | BIT(SIGTTIN) | BIT(SIGTTOU))
#define SA_HANDLER_DFL 0
#define SA_HANDLER_IGN 1

bool sig_default_ignored(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

static bool ignored(const struct mproc *mp, int sig)
{
    uint64_t h = mp->sigact[sig].handler;

    return h == SA_HANDLER_IGN || (h == SA_HANDLER_DFL && sig_default_ignored(sig));
}

/* A signal from the system (a timer, a terminal, a fault). */
void sig_send(struct mproc *mp, int sig)
{
    struct pm_siginfo info = { .code = SI_KERNEL };

    sig_send_info(mp, sig, &info);
}

/* Record sig for mp, with where it came from, and act on it when it may
 * be acted on. */
void sig_send_info(struct mproc *mp, int sig, const struct pm_siginfo *info)
{
    if (sig <= 0 || sig >= PM_NSIG || (mp->flags & (MP_ZOMBIE | MP_EXITING)))
        return;
    if (mp->flags & MP_SERVICE) {
        if (sig == SIGKILL || sig == SIGTERM || sig == SIGSEGV || sig == SIGILL || sig == SIGFPE ||
            sig == SIGBUS)
            exit_proc(mp, SIG_STATUS(sig)); /* its supervisor (rs) restarts it */
        return;
    }
    if (sig == SIGCONT) {
        mp->sig_pending &= ~STOP_SIGNALS;
        if (mp->flags & MP_STOPPED) {
            mp->flags &= ~(MP_STOPPED | MP_STOP_REPORT);
            sys_runctl(mp->ep, RUNCTL_RESUME);
        }
    } else if (BIT(sig) & STOP_SIGNALS) {
        mp->sig_pending &= ~BIT(SIGCONT);
    }
    if (ignored(mp, sig) && sig != SIGKILL && sig != SIGSTOP)
        return;
    mp->sig_pending |= BIT(sig);
    mp->siginfo[sig] = *info;
    sig_check(mp);
}

/* Act on pending signals that are not blocked. */
void sig_check(struct mproc *mp)
{
    uint64_t ready = mp->sig_pending & (~mp->sig_mask | UNBLOCKABLE);

    if (ready && !(mp->flags & (MP_ZOMBIE | MP_EXITING)))
        sig_deliver_pending(mp);
}

static bool may_signal(const struct mproc *from, const struct mproc *to)
{
    if (!from || from->euid == 0 || (from->flags & MP_SERVICE))
        return true;
    if (to->flags & MP_SERVICE)
        return false;
    return from->uid == to->uid || from->euid == to->uid || from->uid == to->euid;
}

static bool targeted(const struct mproc *mp, int pid, const struct mproc *from)
{
    if (!mp->used)
        return false;
    if (pid > 0)
        return mp->pid == pid; /* a zombie too: it exists until waited for */
    if (mp->flags & MP_ZOMBIE)
        return false;
    if (pid == 0)
        return from && mp->pgrp == from->pgrp && !(mp->flags & MP_SERVICE);
    if (pid == -1)
        return mp->pid != INIT_PID && !(mp->flags & MP_SERVICE) && mp != from;
    return mp->pgrp == -pid && !(mp->flags & MP_SERVICE);
}

/* kill(): signal every process pid names that the sender may signal. */
static int kill_from(struct mproc *from, int pid, int sig)
{
    int found = 0, allowed = 0;

    if (sig < 0 || sig >= PM_NSIG)
        return -EINVAL;
    for (int i = 0; i < NR_PROCS; i++) {
        struct mproc *mp = &procs[i];
        if (!targeted(mp, pid, from))
            continue;
        found++;
        if (!may_signal(from, mp))
            continue;
        allowed++;
        if (sig && from)
            sig_send_info(mp, sig, &(struct pm_siginfo){ SI_USER, from->pid, from->uid, 0 });
        else if (sig)
            sig_send(mp, sig);
    }
    return found == 0 ? -ESRCH : allowed == 0 ? -EPERM : 0;
}

int do_kill(message *m)
{
    return kill_from(caller, m->pm_kill.pid, m->pm_kill.sig);
}

/* From drivers (tty): the job-control signals to a process group. */
int do_signal_pgrp(message *m)
{
    if (m->pm_signal_pgrp.pgrp > 0)
        kill_from(NULL, -m->pm_signal_pgrp.pgrp, m->pm_signal_pgrp.sig);
    return EDONTREPLY;
}

int do_sigaction(message *m)
{
    struct pm_sigaction *a = &m->pm_sigaction;
    struct pm_sigact act;
    int sig = a->sig;

    if (sig <= 0 || sig >= PM_NSIG)
        return -EINVAL;
    if (a->oact &&
        sys_vircopy(SELF, (uint64_t)&caller->sigact[sig], caller->ep, a->oact, sizeof(act)) < 0)
        return -EFAULT;
    if (!a->act)
        return 0;
    if (sig == SIGKILL || sig == SIGSTOP)
        return -EINVAL;
    if (sys_vircopy(caller->ep, a->act, SELF, (uint64_t)&act, sizeof(act)) < 0)
        return -EFAULT;
    act.mask &= ~UNBLOCKABLE;
    caller->sigact[sig] = act;
    if (a->trampoline)
        caller->trampoline = a->trampoline;
    if (ignored(caller, sig))
        caller->sig_pending &= ~BIT(sig);
    return 0;
}

int do_sigprocmask(message *m)
{
    uint64_t old = caller->sig_mask, set = m->pm_sigmask.set & ~UNBLOCKABLE & ~1ull;

    switch (m->pm_sigmask.how) {
    case SIG_BLOCK:
        caller->sig_mask |= set;
        break;
    case SIG_UNBLOCK:
        caller->sig_mask &= ~set;
        break;
    case SIG_SETMASK:
        caller->sig_mask = set;
        break;
    default:
        if (m->pm_sigmask.how != 0)
            return -EINVAL; /* how 0: only ask for the mask */
    }
    m->pm_sigmask.set = old;
    caller->flags |= MP_DELIVER; /* now-unblocked signals, once the call is answered */
    return 0;
}

int do_sigsuspend(message *m)
{
    caller->saved_mask = caller->sig_mask;
    caller->sig_mask = m->pm_sigmask.set & ~UNBLOCKABLE & ~1ull;
    caller->flags |= MP_SIGSUSPEND;
    sig_check(caller); /* a signal already pending ends it at once */
    return EDONTREPLY; /* answered with EINTR when a handler runs (deliver.c) */
}

int do_sigpending(message *m)
{
    m->pm_sigmask.set = caller->sig_pending;
    return 0;
}
