/*
 * Futexes. A waiter is keyed by the physical address of its word, so
 * threads of one process (or processes sharing memory) meet on the same
 * key. Waiters form one list; wake walks it in order of arrival.
 */
#include "futex.h"
#include "space.h"
#include "clock.h"

#define SUSPEND 1

static struct thread *waiters;

static void unlink_waiter(struct thread *t)
{
    for (struct thread **pp = &waiters; *pp; pp = &(*pp)->futex_next) {
        if (*pp == t) {
            *pp = t->futex_next;
            t->futex_next = NULL;
            return;
        }
    }
}

static void timeout_fire(struct ktimer *k)
{
    struct thread *t = k->owner;

    unlink_waiter(t);
    trap_result(&t->regs, -ETIMEDOUT);
    thread_unblock(t, RTS_FUTEX);
}

int futex_wait(struct thread *t, uint64_t addr, uint32_t value, uint64_t timeout_ns)
{
    uint64_t pa;
    uint32_t now;

    if (addr & 3)
        return -EINVAL;
    int r = space_phys(t->space, addr, false, &pa, NULL);
    if (r < 0)
        return -EFAULT;
    now = *(volatile uint32_t *)phys_to_virt(pa);
    if (now != value)
        return -EAGAIN;
    t->futex_addr = pa;
    t->futex_next = waiters;
    waiters = t;
    if (timeout_ns) {
        t->futex_timeout.owner = t;
        t->futex_timeout.fire = timeout_fire;
        timer_set(&t->futex_timeout, clock_uptime_ns() + timeout_ns);
    }
    thread_block(t, RTS_FUTEX);
    return SUSPEND;
}

int futex_wake(struct thread *t, uint64_t addr, int count)
{
    uint64_t pa;
    int woken = 0;

    if (addr & 3)
        return -EINVAL;
    if (space_phys(t->space, addr, false, &pa, NULL) < 0)
        return -EFAULT;
    struct thread **pp = &waiters;
    while (*pp && woken < count) {
        struct thread *w = *pp;
        if (w->futex_addr != pa) {
            pp = &w->futex_next;
            continue;
        }
        *pp = w->futex_next;
        w->futex_next = NULL;
        timer_cancel(&w->futex_timeout);
        trap_result(&w->regs, 0);
        thread_unblock(w, RTS_FUTEX);
        woken++;
    }
    return woken;
}

void futex_cleanup(struct thread *t)
{
    if (t->rts & RTS_FUTEX)
        unlink_waiter(t);
    timer_cancel(&t->futex_timeout);
}
