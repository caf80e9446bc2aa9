/*
 * Signals. pm keeps the handlers and the mask; libc converts struct
 * sigaction and supplies the signal entry pm starts handlers through: it
 * calls the handler, notes SA_RESTART for the interrupted call (call.c),
 * and asks pm to restore the interrupted state from the frame.
 */
#include <signal.h>
#include <unistd.h>
#include "call.h"

void __sig_entry(int sig, struct pm_sigframe *frame, void *handler, unsigned flags);

void __sig_entry(int sig, struct pm_sigframe *frame, void *handler, unsigned flags)
{
    message m;

    if (flags & SA_SIGINFO) {
        siginfo_t info;
        memset(&info, 0, sizeof(info));
        info.si_signo = sig;
        info.si_code = frame->info.code;
        info.si_pid = frame->info.pid;
        info.si_uid = (uid_t)frame->info.uid;
        info.si_status = frame->info.status;
        ((void (*)(int, siginfo_t *, void *))handler)(sig, &info, NULL);
    } else {
        ((void (*)(int))handler)(sig);
    }
    if (flags & SA_RESTART)
        __sig_restart = 1;
    __msg(&m, PM_SIGRETURN);
    m.pm_sigreturn.frame = (uint64_t)frame;
    ipc_call(PM_EP, &m);
    for (;;) /* not reached: pm resumes the interrupted code */
        ;
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
    struct pm_sigact a, o;
    message m;

    __msg(&m, PM_SIGACTION);
    m.pm_sigaction.sig = sig;
    if (act) {
        a.handler = (uint64_t)act->sa_handler;
        a.mask = act->sa_mask;
        a.flags = (uint32_t)act->sa_flags;
        a.pad = 0;
        m.pm_sigaction.act = (uint64_t)&a;
    }
    m.pm_sigaction.oact = oact ? (uint64_t)&o : 0;
    m.pm_sigaction.trampoline = (uint64_t)__sig_entry;
    long r = __server_call(PM_EP, &m);
    if (r == 0 && oact) {
        oact->sa_handler = (_sig_func_ptr)o.handler;
        oact->sa_mask = (sigset_t)o.mask;
        oact->sa_flags = (int)o.flags;
    }
    return (int)__ret(r);
}

_sig_func_ptr signal(int sig, _sig_func_ptr handler)
{
    struct sigaction act, old;

    memset(&act, 0, sizeof(act));
    act.sa_handler = handler;
    act.sa_flags = SA_RESTART;
    if (sigaction(sig, &act, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}

static long mask_call(int call, int how, uint64_t set, uint64_t *old)
{
    message m;

    __msg(&m, call);
    m.pm_sigmask.how = how;
    m.pm_sigmask.set = set;
    long r = __server_call(PM_EP, &m);
    if (r == 0 && old)
        *old = m.pm_sigmask.set;
    return r;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    uint64_t o;
    long r = set ? mask_call(PM_SIGPROCMASK, how, *set, &o)
                 : mask_call(PM_SIGPROCMASK, SIG_BLOCK, 0, &o);

    if (r == 0 && old)
        *old = (sigset_t)o;
    return (int)__ret(r);
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
    return sigprocmask(how, set, old) < 0 ? errno : 0;
}

int sigsuspend(const sigset_t *mask)
{
    return (int)__ret(mask_call(PM_SIGSUSPEND, 0, *mask, NULL));
}

int sigpending(sigset_t *set)
{
    uint64_t s;
    long r = mask_call(PM_SIGPENDING, 0, 0, &s);

    if (r == 0)
        *set = (sigset_t)s;
    return (int)__ret(r);
}

int pause(void)
{
    sigset_t now = 0;

    sigprocmask(SIG_BLOCK, NULL, &now);
    return sigsuspend(&now);
}

int kill(pid_t pid, int sig)
{
    message m;

    __msg(&m, PM_KILL);
    m.pm_kill.pid = pid;
    m.pm_kill.sig = sig;
    return (int)__ret(__server_call(PM_EP, &m));
}

int killpg(pid_t pgrp, int sig)
{
    return pgrp <= 1 ? (errno = EINVAL, -1) : kill(-pgrp, sig);
}

int raise(int sig)
{
    return kill(getpid(), sig);
}

int siginterrupt(int sig, int flag)
{
    struct sigaction act;

    if (sigaction(sig, NULL, &act) < 0)
        return -1;
    act.sa_flags = flag ? act.sa_flags & ~SA_RESTART : act.sa_flags | SA_RESTART;
    return sigaction(sig, &act, NULL);
}

#undef sigemptyset
#undef sigfillset
#undef sigaddset
#undef sigdelset
#undef sigismember

int sigemptyset(sigset_t *s)
{
    return *s = 0, 0;
}
int sigfillset(sigset_t *s)
{
    return *s = ~(sigset_t)0, 0;
}

int sigaddset(sigset_t *s, const int sig)
{
    if (sig <= 0 || sig >= NSIG)
        return errno = EINVAL, -1;
    *s |= (sigset_t)1 << sig;
    return 0;
}

int sigdelset(sigset_t *s, const int sig)
{
    if (sig <= 0 || sig >= NSIG)
        return errno = EINVAL, -1;
    *s &= ~((sigset_t)1 << sig);
    return 0;
}

int sigismember(const sigset_t *s, int sig)
{
    if (sig <= 0 || sig >= NSIG)
        return errno = EINVAL, -1;
    return (int)((*s >> sig) & 1);
}
