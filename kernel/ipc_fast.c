/*
 * The IPC fast path: a call to a server that waits in receive, and a reply
 * to a client that waits for it followed by a receive with nothing pending.
 * These two make every request/reply round trip, so they are done here in
 * one straight line: check, copy eight registers, mark both threads, switch
 * address space and return to the partner. Anything unusual (a stale
 * endpoint, a denied target, pending notifications or senders, a partner
 * not yet waiting) falls back to the general code in ipc.c, which gives the
 * same result more slowly.
 */
#include "ipc.h"
#include "priv.h"
#include "sched.h"
#include <ember/syscall.h>

static inline struct regs *switch_to(struct thread *from, struct thread *to)
{
    if (unlikely(!to->on_rq))
        sched_ready(to);
    arch_switch_to(from, to);
    current = to;
    return &to->regs;
}

/* d is the live thread ep names, waiting in receive, and t may send to it.
 * (A free slot keeps its last endpoint, so the state is checked first.) */
static inline bool partner_ok(struct thread *t, struct thread *d, endpoint_t ep)
{
    return d->rts == RTS_RECEIVING && d->ep == ep && priv_may_send(t->priv, d->priv);
}

/* IPC_CALL: d waits in receive for anyone or for t. */
static inline struct regs *fast_call(struct thread *t, endpoint_t ep)
{
    struct thread *d = &threads[EP_SLOT(ep)];

    if (ep < 0 || !partner_ok(t, d, ep) || (d->getfrom != ANY && d->getfrom != t->ep))
        return NULL;
    msg_copy(&d->regs, &t->regs, t->ep);
    trap_result(&d->regs, 0);
    d->rts = 0;
    d->in_call = false;
    t->rts = RTS_RECEIVING;
    t->getfrom = ep;
    t->in_call = true;
    return switch_to(t, d);
}

/* IPC_REPLYRECV from ANY: the client waits for t's reply; t has nothing
 * pending, so its receive blocks. */
static inline struct regs *fast_replyrecv(struct thread *t, endpoint_t ep, endpoint_t src)
{
    struct thread *c = &threads[EP_SLOT(ep)];

    if (ep < 0 || src != ANY || !partner_ok(t, c, ep) || c->getfrom != t->ep || t->pending ||
        t->notify_any || t->senders || t->async_any)
        return NULL;
    msg_copy(&c->regs, &t->regs, t->ep);
    trap_result(&c->regs, 0);
    c->rts = 0;
    c->in_call = false;
    t->rts = RTS_RECEIVING;
    t->getfrom = ANY;
    t->in_call = false;
    return switch_to(t, c);
}

HOT_PATH struct regs *ipc_fastpath(struct thread *t, uint64_t op)
{
    if (op == IPC_CALL)
        return fast_call(t, trap_ep(&t->regs));
    if (op == IPC_REPLYRECV)
        return fast_replyrecv(t, trap_ep(&t->regs), (endpoint_t)trap_arg(&t->regs));
    return NULL;
}
