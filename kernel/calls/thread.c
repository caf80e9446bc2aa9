/* Threads: KC_SCHEDCTL, KC_RUNCTL, KC_REGS, KC_GETFAULT, KC_FUTEX, KC_SETFSBASE. */
#include "../kcall.h"
#include "../sched.h"
#include "../fault.h"
#include "../futex.h"
#include "../clock.h"

int do_schedctl(struct thread *t, message *m)
{
    struct kc_schedctl *c = &m->kc_schedctl;
    struct thread *x;
    int r = kcall_target(t, c->ep, &x);

    if (r < 0)
        return r;
    if (c->priority < -1 || c->priority >= NR_PRIORITIES || c->quantum_ns < 0)
        return -EINVAL;
    if (c->priority >= 0) {
        bool queued = x->on_rq;
        sched_unready(x);
        x->prio = (uint8_t)c->priority;
        if (queued)
            sched_ready(x);
    }
    if (c->quantum_ns > 0) {
        uint64_t ticks = (uint64_t)c->quantum_ns * HZ / 1000000000u;
        x->quantum = (uint32_t)MAX(1, MIN(ticks, 1000));
    }
    return 0;
}

int do_runctl(struct thread *t, message *m)
{
    struct kc_runctl *c = &m->kc_runctl;
    struct thread *x;
    int r = kcall_target(t, c->ep, &x);

    if (r < 0)
        return r;
    if (c->op == RUNCTL_STOP)
        thread_block(x, RTS_STOPPED);
    else if (c->op == RUNCTL_RESUME)
        thread_unblock(x, RTS_STOPPED | RTS_FAULTED);
    else
        return -EINVAL;
    c->flags = (int32_t)x->rts;
    c->partner = x->rts & RTS_SENDING ? x->sendto : x->rts & RTS_RECEIVING ? x->getfrom : NONE;
    return 0;
}

int do_regs(struct thread *t, message *m)
{
    struct kc_regs *c = &m->kc_regs;
    struct user_regs u;
    struct thread *x;
    int r = kcall_target(t, c->ep, &x);

    if (r < 0)
        return r;
    if (c->op == REGS_GET) {
        arch_get_user_regs(x, &u);
        return copy_to_space(t->space, c->buf, &u, sizeof(u), NULL) < 0 ? -EFAULT : 0;
    }
    if (c->op != REGS_SET)
        return -EINVAL;
    if (copy_from_space(t->space, c->buf, &u, sizeof(u), NULL) < 0)
        return -EFAULT;
    return arch_set_user_regs(x, &u);
}

int do_getfault(struct thread *t, message *m)
{
    struct kc_getfault *g = &m->kc_getfault;
    struct thread *x = fault_next_exception(t);

    memset(g, 0, sizeof(*g));
    g->ep = x ? x->ep : NONE;
    if (x) {
        g->kind = FAULT_EXCEPTION;
        g->vector = (int32_t)x->fault_vector;
        g->error = x->fault_error;
        g->addr = x->fault_addr;
        g->rip = x->fault_rip;
    }
    return 0;
}

int do_futex(struct thread *t, message *m)
{
    struct kc_futex *f = &m->kc_futex;

    if (f->op == FUTEX_WAIT)
        return futex_wait(t, f->addr, f->value, f->timeout_ns);
    if (f->op != FUTEX_WAKE)
        return -EINVAL;
    int n = futex_wake(t, f->addr, (int)MIN(f->value, 0x7FFFFFFFu));
    if (n < 0)
        return n;
    f->woken = n;
    return 0;
}

int do_setfsbase(struct thread *t, message *m)
{
    return arch_set_fsbase(t, m->kc_setfsbase.base);
}
