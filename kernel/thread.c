/* The thread table: slots, generations, blocking and unblocking. */
#include "thread.h"
#include "sched.h"
#include "space.h"
#include "priv.h"
#include "clock.h"

struct thread threads[NR_SLOTS];
HOT_DATA struct thread *current;

void threads_init(void)
{
    for (int i = 0; i < NR_SLOTS; i++) {
        threads[i].rts = RTS_FREE;
        threads[i].ep = NONE;
        threads[i].gen = 0;
    }
}

/* A free slot with a fresh endpoint, stopped; NULL when the table is full.
 * Slots are handed out round robin so endpoints are not reused at once. */
struct thread *thread_alloc(void)
{
    static int next;

    for (int n = 0; n < NR_SLOTS; n++) {
        int slot = (next + n) % NR_SLOTS;
        struct thread *t = &threads[slot];
        if (!(t->rts & RTS_FREE))
            continue;
        next = (slot + 1) % NR_SLOTS;
        int gen = t->gen + 1 > EP_MAX_GEN ? 1 : t->gen + 1;
        memset(t, 0, sizeof(*t));
        t->gen = gen;
        t->ep = MAKE_EP(gen, slot);
        t->rts = RTS_STOPPED;
        t->sendto = t->getfrom = NONE;
        t->prio = PRIO_USER;
        t->quantum = t->ticks_left = HZ / 20; /* 50 ms */
        return t;
    }
    return NULL;
}

/* Release a slot; the caller has cleaned up its IPC and alarms. */
void thread_free(struct thread *t)
{
    assert(!(t->rts & RTS_FREE));
    sched_unready(t);
    if (t->space)
        space_put(t->space);
    t->space = NULL;
    t->priv = NULL;
    t->rts = RTS_FREE;
    /* The endpoint stays recorded so its generation is not reused at once;
     * ep_thread() refuses it because the slot is free. */
}

/* Blocking leaves t queued; sched_pick() drops it lazily (sched.c). */
void thread_block(struct thread *t, uint32_t flag)
{
    t->rts |= flag;
}

void thread_unblock(struct thread *t, uint32_t flag)
{
    if (!(t->rts & flag))
        return;
    t->rts &= ~flag;
    if (t->rts == 0)
        sched_ready(t);
}
