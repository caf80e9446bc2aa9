/*
 * Signal delivery.
 *
 * Default actions (terminate, stop, ignore) apply at once. A handler needs
 * the process out of any IPC, because pm rewrites its registers: pm stops
 * it and asks the kernel what it is doing.
 *   - sending to pm: the signal waits until pm has answered that call;
 *   - waiting on pm (wait, sigsuspend, sleep): pm ends the wait with EINTR;
 *   - waiting on vfs (a read from a pipe or terminal): vfs ends it with EINTR,
 *     and the delivery goes on once vfs has said so (or a little later);
 *   - in some other call: pm tries again a little later.
 * Then pm pushes a frame with the interrupted registers on the process's
 * stack and starts libc's signal entry (the address libc gave with
 * sigaction) with the signal, the frame, the handler and its flags; libc
 * calls the handler and then asks pm (PM_SIGRETURN) to restore the frame.
 */
#include <string.h>
#include <ember/proto/vfs.h>
#include "pm.h"

#define BIT(sig)     (1ull << (sig))
#define UNBLOCKABLE  (BIT(SIGKILL) | BIT(SIGSTOP))
#define STOP_SIGNALS (BIT(SIGSTOP) | BIT(SIGTSTP) | BIT(SIGTTIN) | BIT(SIGTTOU))
#define RETRY_NS     (5 * 1000 * 1000)
#define RED_ZONE     128

static void resume(struct mproc *mp)
{
    if (!(mp->flags & MP_STOPPED))
        sys_runctl(mp->ep, RUNCTL_RESUME);
}

static void retry_later(struct mproc *mp)
{
    mp->retry_at = now_ns() + RETRY_NS;
    timers_update();
}

static void stop_proc(struct mproc *mp, int sig)
{
    sys_runctl(mp->ep, RUNCTL_STOP);
    mp->flags |= MP_STOPPED | MP_STOP_REPORT;
    mp->status = STOP_STATUS(sig);
    tell_parent(mp);
}

static void default_action(struct mproc *mp, int sig)
{
    if (BIT(sig) & STOP_SIGNALS)
        stop_proc(mp, sig);
    else if (!sig_default_ignored(sig))
        exit_proc(mp, SIG_STATUS(sig));
}

/* End mp's wait on pm with EINTR; false if it was not waiting on pm. */
static bool interrupt_pm_wait(struct mproc *mp, uint64_t *restore_mask)
{
    message m;

    memset(&m, 0, sizeof(m));
    if (mp->flags & MP_SIGSUSPEND) {
        *restore_mask = mp->saved_mask;
    } else if (mp->flags & MP_SLEEPING) {
        uint64_t now = now_ns();
        m.pm_sleep.left_ns = mp->sleep_until > now ? mp->sleep_until - now : 0;
        mp->sleep_until = 0;
    } else if (!(mp->flags & MP_WAITING)) {
        return false;
    }
    mp->flags &= ~(MP_SIGSUSPEND | MP_SLEEPING | MP_WAITING);
    reply_to(mp, &m, -EINTR);
    return true;
}

/* vfs has ended (or could not end) the process's blocked call: try the
 * delivery again. */
static void unpause_done(struct mproc *mp, message *reply)
{
    int flags;
    endpoint_t partner;

    (void)reply;
    if (!mp || !(mp->flags & MP_UNPAUSING))
        return;
    mp->flags &= ~MP_UNPAUSING;
    if (sys_runctl_state(mp->ep, RUNCTL_STOP, &flags, &partner) == 0 &&
        (flags & THREAD_RECEIVING) && partner == VFS_EP) {
        resume(mp); /* its answer was already on the way: try again a little later */
        retry_later(mp);
        return;
    }
    sig_check(mp);
    if (mp->used && !(mp->flags & (MP_ZOMBIE | MP_EXITING)))
        resume(mp); /* make_clean left it stopped for us */
}

/* Ask vfs to end mp's blocked call with EINTR; the delivery goes on when
 * vfs answers. */
static void vfs_unpause(struct mproc *mp)
{
    message m;

    if (mp->flags & MP_UNPAUSING)
        return;
    mp->flags |= MP_UNPAUSING;
    memset(&m, 0, sizeof(m));
    m.m_type = VFS_PM_UNPAUSE;
    m.vfs_pm.ep = mp->ep;
    vfs_request(&m, mp, unpause_done);
}

/* Stop mp outside any IPC; false (and mp left running) if not possible now. */
static bool make_clean(struct mproc *mp, uint64_t *restore_mask)
{
    int flags;
    endpoint_t partner;

    *restore_mask = mp->sig_mask;
    if (sys_runctl_state(mp->ep, RUNCTL_STOP, &flags, &partner) < 0)
        return false;
    bool clean = true;
    if (flags & THREAD_SENDING) {
        clean = false;
        if (partner == PM_EP)
            mp->flags |= MP_DELIVER; /* after pm answers its call */
        else
            retry_later(mp);
    } else if (flags & THREAD_RECEIVING) {
        if (partner == PM_EP) {
            clean = interrupt_pm_wait(mp, restore_mask);
            if (!clean)
                mp->flags |= MP_DELIVER; /* a call pm is still handling (kill(getpid())) */
        } else if (partner == VFS_EP) {
            vfs_unpause(mp); /* it stays stopped: the delivery goes on when vfs answers */
            return false;
        } else
            clean = false;
        if (!clean && partner != PM_EP)
            retry_later(mp);
    }
    if (!clean)
        resume(mp);
    return clean;
}

/* Push the frame and point the process at the handler. */
static int run_handler(struct mproc *mp, int sig, uint64_t restore_mask)
{
    struct pm_sigact *act = &mp->sigact[sig];
    struct pm_sigframe frame;
    struct user_regs r;

    if (sys_getregs(mp->ep, &r) < 0)
        return -EFAULT;
    uint64_t base = ((r.rsp - RED_ZONE - sizeof(frame)) & ~15ull) - 8;
    memset(&frame, 0, sizeof(frame));
    frame.retaddr = 0; /* the entry never returns: it ends in PM_SIGRETURN */
    frame.signo = (uint64_t)sig;
    frame.old_mask = restore_mask;
    frame.info = mp->siginfo[sig];
    memcpy(frame.regs, &r, sizeof(r));
    if (!mp->trampoline || sys_vircopy(SELF, (uint64_t)&frame, mp->ep, base, sizeof(frame)) < 0)
        return -EFAULT;
    r.rip = mp->trampoline;
    r.rsp = base;
    r.rdi = (uint64_t)sig;
    r.rsi = base;
    r.rdx = act->handler;
    r.rcx = act->flags;
    if (sys_setregs(mp->ep, &r) < 0)
        return -EFAULT;
    mp->sig_mask |= (act->mask | ((act->flags & SA_NODEFER) ? 0 : BIT(sig))) & ~UNBLOCKABLE;
    if (act->flags & SA_RESETHAND)
        *act = (struct pm_sigact){ 0 };
    return 0;
}

static int next_ready(const struct mproc *mp)
{
    uint64_t ready = mp->sig_pending & (~mp->sig_mask | UNBLOCKABLE);

    if (ready & BIT(SIGKILL))
        return SIGKILL;
    return ready ? __builtin_ctzll(ready) : 0;
}

void sig_deliver_pending(struct mproc *mp)
{
    int sig;
    uint64_t restore_mask;

    while ((sig = next_ready(mp)) != 0 && !(mp->flags & (MP_ZOMBIE | MP_EXITING))) {
        uint64_t h = mp->sigact[sig].handler;
        if (h <= 1 || sig == SIGKILL || sig == SIGSTOP) {
            mp->sig_pending &= ~BIT(sig);
            if (h == 0 || sig == SIGKILL || sig == SIGSTOP)
                default_action(mp, sig);
            continue;
        }
        if (!make_clean(mp, &restore_mask))
            return;
        mp->sig_pending &= ~BIT(sig);
        if (run_handler(mp, sig, restore_mask) < 0) {
            exit_proc(mp, SIG_STATUS(SIGSEGV)); /* no room for the frame */
            return;
        }
        resume(mp);
        return; /* one handler at a time; the rest after it returns */
    }
}

int do_sigreturn(message *m)
{
    struct pm_sigframe frame;
    struct mproc *mp = caller;
    struct user_regs r;

    if (sys_vircopy(mp->ep, m->pm_sigreturn.frame, SELF, (uint64_t)&frame, sizeof(frame)) < 0)
        return -EFAULT;
    memcpy(&r, frame.regs, sizeof(r));
    sys_runctl(mp->ep, RUNCTL_STOP);
    srv_reply(mp->ep, m, 0); /* end its call; the registers come from the frame */
    if (sys_setregs(mp->ep, &r) < 0) {
        exit_proc(mp, SIG_STATUS(SIGSEGV));
        return EDONTREPLY;
    }
    mp->sig_mask = frame.old_mask & ~UNBLOCKABLE & ~1ull;
    resume(mp);
    sig_check(mp);
    return EDONTREPLY;
}

static int fault_signal(int vector)
{
    switch (vector) {
    case 0:
    case 16:
    case 19:
        return SIGFPE;
    case 6:
        return SIGILL;
    case 3:
    case 1:
        return SIGTRAP;
    case 17:
        return SIGBUS;
    default:
        return SIGSEGV;
    }
}

/* The kernel stopped a faulting thread and told its supervisor (pm). */
void faults_handle(void)
{
    struct kc_getfault f;

    while (sys_getfault(&f) == 0 && f.ep != NONE) {
        struct mproc *mp = proc_by_ep(f.ep);
        int sig = fault_signal(f.vector);
        if (!mp) {
            sys_clear(f.ep, 0);
            continue;
        }
        if ((mp->flags & MP_SERVICE) || mp->sigact[sig].handler <= 1 || (mp->sig_mask & BIT(sig))) {
            exit_proc(mp, SIG_STATUS(sig));
            continue;
        }
        mp->sig_pending |= BIT(sig);
        mp->siginfo[sig] = (struct pm_siginfo){ .code = SI_KERNEL };
        sig_deliver_pending(mp);
    }
}
