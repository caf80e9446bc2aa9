/*
 * The trap layer: every entry from user space ends here or in the arch trap
 * code, and leaves through kernel_exit(), which picks the thread to resume.
 */
#include "syscall.h"
#include "ipc.h"
#include "sched.h"
#include "kcall.h"
#include <ember/syscall.h>

static int64_t kernel_call(struct thread *t)
{
    message m;

    msg_get(&t->regs, &m);
    int32_t call = m.m_type;
    if (call <= 0 || call >= NR_KCALLS || !kcall_table[call])
        return -EBADCALL;
    if (!priv_may_kcall(t->priv, call))
        return -EPERM;
    int r = kcall_table[call](t, &m);
    if (r != SUSPEND)
        msg_put(&t->regs, &m);
    return r;
}

/* Decode and run one trap of the current thread. */
static int64_t do_trap(struct thread *t, uint64_t op)
{
    struct regs *r = &t->regs;

    if (op == 0 || op >= NR_TRAPS)
        return -EBADCALL;
    if (!priv_may_trap(t->priv, op))
        return -ECALLDENIED;
    switch (op) {
    case IPC_CALL:
        return ipc_call(t, trap_ep(r));
    case IPC_REPLYRECV:
        return ipc_replyrecv(t, trap_ep(r), (endpoint_t)trap_arg(r));
    case IPC_SEND:
        return ipc_send(t, trap_ep(r), false);
    case IPC_SENDNB:
        return ipc_send(t, trap_ep(r), true);
    case IPC_RECEIVE:
        return ipc_receive(t, trap_ep(r));
    case IPC_NOTIFY:
        return ipc_notify(t, trap_ep(r));
    case IPC_SENDA:
        return ipc_senda(t, (uint64_t)trap_ep(r) | (r->rdi & ~0xFFFFFFFFull), trap_arg(r));
    case KERNEL_CALL:
        return kernel_call(t);
    default:
        return -EBADCALL;
    }
}

HOT_PATH struct regs *syscall_dispatch(struct regs *r)
{
    struct thread *t = current;
    uint64_t op = trap_op(r);
    int64_t res;

    if (likely(priv_may_trap(t->priv, op))) {
        struct regs *fast = ipc_fastpath(t, op);
        if (fast)
            return fast;
    }
    next_thread = NULL;
    res = do_trap(t, op);
    if (res != SUSPEND)
        trap_result(r, res);
    return kernel_exit();
}

/* The thread to resume: the one an IPC switched to, else the scheduler's. */
struct regs *kernel_exit(void)
{
    struct thread *next = next_thread;

    next_thread = NULL;
    if (!next || !thread_runnable(next)) {
        next = current;
        if (need_resched || !next || !thread_runnable(next))
            next = sched_pick();
    }
    if (!next)
        arch_idle();
    if (next != current) {
        arch_switch_to(current, next);
        current = next;
    }
    return &next->regs;
}
