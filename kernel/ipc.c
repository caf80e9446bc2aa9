/*
 * Message passing.
 *
 * Rendezvous: a message moves when the sender sends and the receiver is
 * waiting for it; otherwise the first to arrive blocks. A blocked sender
 * waits in the receiver's queue of senders with its message still in its
 * registers; the receiver copies it straight from there. Messages always
 * travel register to register (arch_inline.h), never through a buffer.
 *
 * A call (send, then receive from the same partner) switches straight to
 * the partner when it is waiting: the scheduler is not consulted, the
 * server runs at once and the reply (IPC_REPLYRECV) switches straight
 * back. next_thread carries that choice to the trap exit.
 *
 * Notifications are bits: one per sender slot, and one per kernel source
 * (HARDWARE, CLOCK, SYSTEM). They never block the sender and coalesce until
 * the receiver takes them. A thread waiting for the reply to its call
 * takes nothing but that reply: notifications and asynchronous messages
 * wait until it next receives (in_call). Asynchronous sends (IPC_SENDA) leave messages
 * in a table in the sender's memory, which the kernel delivers when each
 * receiver next receives.
 *
 * A blocking send that would close a cycle of threads each waiting for the
 * next fails with ELOCKED instead of hanging them all.
 */
#include "ipc.h"
#include "sched.h"
#include "space.h"
#include "priv.h"
#include "clock.h"

#define SUSPEND 1 /* the trap's result is set later, when the thread wakes */

struct thread *next_thread;

static inline bool waiting_for(const struct thread *d, const struct thread *src)
{
    return (d->rts & (RTS_RECEIVING | RTS_SENDING)) == RTS_RECEIVING &&
           (d->getfrom == ANY || d->getfrom == src->ep);
}

/* d may take a notification or an asynchronous message from src now. */
static inline bool accepts_async(const struct thread *d, const struct thread *src)
{
    return waiting_for(d, src) && !d->in_call;
}

/* Copy src's message into d, which was waiting, and wake d. */
static inline void deliver(struct thread *src, struct thread *d)
{
    msg_copy(&d->regs, &src->regs, src->ep);
    trap_result(&d->regs, 0);
    d->in_call = false;
    thread_unblock(d, RTS_RECEIVING);
}

static int lookup_dst(struct thread *t, endpoint_t dst, struct thread **out)
{
    struct thread *d = ep_thread(dst);

    if (!d)
        return -EDEADSRCDST;
    if (!priv_may_send(t->priv, d->priv))
        return -ECALLDENIED;
    *out = d;
    return 0;
}

/* Would t blocking on d close a cycle? Follow who each thread waits for. */
static bool deadlock(const struct thread *t, const struct thread *d)
{
    for (int steps = 0; d && steps < NR_SLOTS; steps++) {
        if (d == t)
            return true;
        if (d->rts & RTS_SENDING)
            d = ep_thread(d->sendto);
        else if ((d->rts & RTS_RECEIVING) && d->getfrom >= 0)
            d = ep_thread(d->getfrom);
        else
            return false;
    }
    return false;
}

static void enqueue_sender(struct thread *d, struct thread *t)
{
    struct thread **pp = &d->senders;

    while (*pp)
        pp = &(*pp)->next_sender;
    t->next_sender = NULL;
    *pp = t;
}

static void dequeue_sender(struct thread *d, struct thread *t)
{
    for (struct thread **pp = &d->senders; *pp; pp = &(*pp)->next_sender) {
        if (*pp == t) {
            *pp = t->next_sender;
            t->next_sender = NULL;
            return;
        }
    }
}

static int block_sending(struct thread *t, struct thread *d, uint32_t extra)
{
    if (deadlock(t, d))
        return -ELOCKED;
    t->sendto = d->ep;
    if (extra & RTS_RECEIVING) {
        t->getfrom = d->ep;
        t->in_call = true;
    }
    thread_block(t, RTS_SENDING | extra);
    enqueue_sender(d, t);
    return SUSPEND;
}

int ipc_send(struct thread *t, endpoint_t dst, bool nonblock)
{
    struct thread *d;
    int r = lookup_dst(t, dst, &d);

    if (r < 0)
        return r;
    if (waiting_for(d, t)) {
        deliver(t, d);
        return 0;
    }
    if (nonblock)
        return -ENOTREADY;
    return block_sending(t, d, 0);
}

int ipc_call(struct thread *t, endpoint_t dst)
{
    struct thread *d;
    int r = lookup_dst(t, dst, &d);

    if (r < 0)
        return r;
    if (waiting_for(d, t)) {
        deliver(t, d);
        t->getfrom = d->ep;
        t->in_call = true;
        thread_block(t, RTS_RECEIVING);
        next_thread = d;
        return SUSPEND;
    }
    return block_sending(t, d, RTS_RECEIVING);
}

/* ---- receiving ---- */

static void put_notification(struct thread *t, endpoint_t src, uint64_t irqs)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_source = src;
    m.m_type = NOTIFY_MESSAGE;
    m.notify.irqs = irqs;
    m.notify.timestamp = clock_uptime_ns();
    msg_put(&t->regs, &m);
    trap_result(&t->regs, 0);
}

/* A pending notification from a kernel source that src accepts. */
static bool take_kernel_notification(struct thread *t, endpoint_t src)
{
    static const struct {
        uint32_t bit;
        endpoint_t source;
    } kinds[] = { { PEND_HARDWARE, HARDWARE }, { PEND_CLOCK, CLOCK }, { PEND_SYSTEM, SYSTEM } };

    for (unsigned i = 0; i < ARRAY_SIZE(kinds); i++) {
        if (!(t->pending & kinds[i].bit) || (src != ANY && src != kinds[i].source))
            continue;
        t->pending &= ~kinds[i].bit;
        uint64_t irqs = 0;
        if (kinds[i].bit == PEND_HARDWARE) {
            irqs = t->irq_pending;
            t->irq_pending = 0;
        }
        put_notification(t, kinds[i].source, irqs);
        return true;
    }
    return false;
}

/* First set bit in a per-slot bitmap that src accepts; -1 if none. */
static int first_bit(const uint64_t *bits, endpoint_t src)
{
    if (src >= 0) {
        int s = EP_SLOT(src);
        return (bits[s / 64] >> (s % 64)) & 1 ? s : -1;
    }
    for (int w = 0; w < NOTIFY_WORDS; w++)
        if (bits[w])
            return w * 64 + __builtin_ctzll(bits[w]);
    return -1;
}

static bool any_bit(const uint64_t *bits)
{
    for (int w = 0; w < NOTIFY_WORDS; w++)
        if (bits[w])
            return true;
    return false;
}

static bool take_notification(struct thread *t, endpoint_t src)
{
    for (;;) {
        int s = first_bit(t->notify_bits, src);
        if (s < 0)
            return false;
        t->notify_bits[s / 64] &= ~(1ull << (s % 64));
        t->notify_any = any_bit(t->notify_bits);
        struct thread *from = &threads[s];
        if (from->rts & RTS_FREE)
            continue; /* the notifier is gone */
        if (src >= 0 && from->ep != src)
            return false;
        put_notification(t, from->ep, 0);
        return true;
    }
}

static bool take_sender(struct thread *t, endpoint_t src)
{
    for (struct thread *s = t->senders; s; s = s->next_sender) {
        if (src != ANY && s->ep != src)
            continue;
        dequeue_sender(t, s);
        msg_copy(&t->regs, &s->regs, s->ep);
        trap_result(&t->regs, 0);
        trap_result(&s->regs, 0);
        s->sendto = NONE;
        thread_unblock(s, RTS_SENDING);
        return true;
    }
    return false;
}

static bool take_async(struct thread *t, endpoint_t src);

int ipc_receive(struct thread *t, endpoint_t src)
{
    if (src >= 0 && !ep_thread(src))
        return -EDEADSRCDST;
    if (src < 0 && src != ANY && src != HARDWARE && src != CLOCK && src != SYSTEM)
        return -EINVAL;
    /* A receive from a kernel source (CLOCK ...) takes nothing a process sent. */
    bool from_process = src == ANY || src >= 0;
    if (t->pending && take_kernel_notification(t, src))
        return 0;
    if (from_process && t->notify_any && take_notification(t, src))
        return 0;
    if (from_process && t->senders && take_sender(t, src))
        return 0;
    if (from_process && t->async_any && take_async(t, src))
        return 0;
    t->getfrom = src;
    t->in_call = false;
    thread_block(t, RTS_RECEIVING);
    return SUSPEND;
}

int ipc_replyrecv(struct thread *t, endpoint_t dst, endpoint_t src)
{
    struct thread *d = NULL;

    if (dst != NONE && lookup_dst(t, dst, &d) == 0 && waiting_for(d, t))
        deliver(t, d);
    else
        d = NULL; /* a reply nobody waits for is dropped, as with IPC_SENDNB */
    int r = ipc_receive(t, src);
    if (r == SUSPEND && d && thread_runnable(d))
        next_thread = d;
    return r;
}

/* ---- notifications ---- */

int ipc_notify(struct thread *t, endpoint_t dst)
{
    struct thread *d;
    int r = lookup_dst(t, dst, &d);

    if (r < 0)
        return r;
    if (accepts_async(d, t)) {
        put_notification(d, t->ep, 0);
        thread_unblock(d, RTS_RECEIVING);
        return 0;
    }
    int s = thread_slot(t);
    d->notify_bits[s / 64] |= 1ull << (s % 64);
    d->notify_any = true;
    return 0;
}

void notify_kernel(struct thread *d, uint32_t pend)
{
    d->pending |= pend;
    if ((d->rts & (RTS_RECEIVING | RTS_SENDING)) == RTS_RECEIVING && d->getfrom < 0 &&
        !d->in_call && take_kernel_notification(d, d->getfrom))
        thread_unblock(d, RTS_RECEIVING);
}

/* ---- asynchronous sends ---- */

/* Deliver from sender s's table the first message for t; false if none.
 * The scan starts at s's hint and reads each entry's head (flags and
 * destination) before the whole of it; a delivery with nothing waiting
 * before it moves the hint past it, so a batch is delivered in one pass
 * over the table rather than one pass per message. */
static bool deliver_async_from(struct thread *s, struct thread *t, bool *more)
{
    async_msg_t e;
    bool found = false, waiting_before = false;
    struct space_reader rd;

    *more = false;
    space_reader_init(&rd, s->space);
    for (uint32_t i = s->async_hint; i < s->async_count; i++) {
        uint64_t addr = s->async_table + (uint64_t)i * sizeof(e);
        if (space_read(&rd, addr, &e, 2 * sizeof(uint32_t)) < 0)
            return found;
        if ((e.flags & (ASYNC_VALID | ASYNC_DONE)) != ASYNC_VALID)
            continue;
        if (e.dst != t->ep) {
            waiting_before = true;
            continue;
        }
        if (found) {
            *more = true;
            return true;
        }
        if (space_read(&rd, addr, &e, sizeof(e)) < 0)
            return found;
        if (!waiting_before)
            s->async_hint = i + 1;
        e.msg.m_source = s->ep;
        msg_put(&t->regs, &e.msg);
        trap_result(&t->regs, 0);
        e.flags |= ASYNC_DONE;
        e.result = 0;
        copy_to_space(s->space, addr, &e, 2 * sizeof(uint32_t) + sizeof(int32_t), NULL);
        found = true;
    }
    return found;
}

static bool take_async(struct thread *t, endpoint_t src)
{
    for (;;) {
        int slot = first_bit(t->async_bits, src);
        if (slot < 0)
            return false;
        struct thread *s = &threads[slot];
        bool more = false;
        bool got =
            !(s->rts & RTS_FREE) && (src < 0 || s->ep == src) && deliver_async_from(s, t, &more);
        if (!more) {
            t->async_bits[slot / 64] &= ~(1ull << (slot % 64));
            t->async_any = any_bit(t->async_bits);
        }
        if (got)
            return true;
        if (src >= 0)
            return false;
    }
}

static void async_result(struct thread *t, uint64_t addr, async_msg_t *e, int result)
{
    e->flags |= ASYNC_DONE;
    e->result = result;
    copy_to_space(t->space, addr, e, 2 * sizeof(uint32_t) + sizeof(int32_t), NULL);
}

/* Try one table entry now; leave it pending when the receiver is busy. */
static void senda_entry(struct thread *t, uint64_t addr, async_msg_t *e)
{
    struct thread *d;
    int r = lookup_dst(t, e->dst, &d);

    if (r < 0) {
        async_result(t, addr, e, r);
        return;
    }
    if (accepts_async(d, t)) {
        e->msg.m_source = t->ep;
        msg_put(&d->regs, &e->msg);
        trap_result(&d->regs, 0);
        thread_unblock(d, RTS_RECEIVING);
        async_result(t, addr, e, 0);
        return;
    }
    int s = thread_slot(t);
    d->async_bits[s / 64] |= 1ull << (s % 64);
    d->async_any = true;
}

int ipc_senda(struct thread *t, uint64_t table, uint64_t count)
{
    async_msg_t e;
    struct space_reader rd;

    if (count > 4096)
        return -EINVAL;
    t->async_table = table;
    t->async_count = (uint32_t)count;
    t->async_hint = 0;
    space_reader_init(&rd, t->space);
    for (uint64_t i = 0; i < count; i++) {
        uint64_t addr = table + i * sizeof(e);
        int r = space_read(&rd, addr, &e, sizeof(e));
        if (r < 0)
            return -EFAULT;
        if ((e.flags & (ASYNC_VALID | ASYNC_DONE)) == ASYNC_VALID)
            senda_entry(t, addr, &e);
    }
    return 0;
}

/* ---- a thread leaves ---- */

static void fail_partner(struct thread *p, uint32_t flags)
{
    trap_result(&p->regs, -EDEADSRCDST);
    p->sendto = NONE;
    p->in_call = false;
    thread_unblock(p, flags);
}

void ipc_cleanup(struct thread *t)
{
    int slot = thread_slot(t);

    if (t->rts & RTS_SENDING) {
        struct thread *d = ep_thread(t->sendto);
        if (d)
            dequeue_sender(d, t);
    }
    while (t->senders) {
        struct thread *s = t->senders;
        t->senders = s->next_sender;
        s->next_sender = NULL;
        fail_partner(s, s->rts & (RTS_SENDING | RTS_RECEIVING));
    }
    for (int i = 0; i < NR_SLOTS; i++) {
        struct thread *p = &threads[i];
        if (p == t || (p->rts & RTS_FREE))
            continue;
        p->notify_bits[slot / 64] &= ~(1ull << (slot % 64));
        p->async_bits[slot / 64] &= ~(1ull << (slot % 64));
        if ((p->rts & (RTS_RECEIVING | RTS_SENDING)) == RTS_RECEIVING && p->getfrom == t->ep)
            fail_partner(p, RTS_RECEIVING);
    }
}
