/*
 * Ready queues. A runnable thread is on the queue of its priority; the
 * running thread stays on its queue (at the head) while it runs. The
 * scheduler picks the head of the highest non-empty queue. A thread whose
 * quantum ends goes to the tail of its queue.
 *
 * The queues are kept lazily: a thread that blocks stays queued, and the
 * scheduler drops blocked threads when it meets them at a queue's head. A
 * client and a server that call each other therefore never touch the
 * queues at all; this is what keeps the IPC path short.
 */
#include "sched.h"
#include <ember/kcall.h>

static struct thread *rq_head[NR_PRIORITIES], *rq_tail[NR_PRIORITIES];

void sched_init(void)
{
    for (int i = 0; i < NR_PRIORITIES; i++)
        rq_head[i] = rq_tail[i] = NULL;
}

static void enqueue_tail(struct thread *t)
{
    int p = t->prio;

    t->rq_next = NULL;
    t->rq_prev = rq_tail[p];
    if (rq_tail[p])
        rq_tail[p]->rq_next = t;
    else
        rq_head[p] = t;
    rq_tail[p] = t;
    t->on_rq = true;
}

/* Make t ready; ask for a new pick when it outranks the running thread. */
void sched_ready(struct thread *t)
{
    if (!t->on_rq)
        enqueue_tail(t);
    if (!current || t->prio < current->prio)
        need_resched = true;
}

void sched_unready(struct thread *t)
{
    int p = t->prio;

    if (!t->on_rq)
        return;
    if (t->rq_prev)
        t->rq_prev->rq_next = t->rq_next;
    else
        rq_head[p] = t->rq_next;
    if (t->rq_next)
        t->rq_next->rq_prev = t->rq_prev;
    else
        rq_tail[p] = t->rq_prev;
    t->on_rq = false;
}

/* t gives up the rest of its slice: to the tail of its queue. */
void sched_yield(struct thread *t)
{
    if (!t->on_rq)
        return;
    sched_unready(t);
    t->ticks_left = t->quantum;
    enqueue_tail(t);
}

bool need_resched;

struct thread *sched_pick(void)
{
    need_resched = false;
    for (int p = 0; p < NR_PRIORITIES; p++) {
        while (rq_head[p] && !thread_runnable(rq_head[p]))
            sched_unready(rq_head[p]);
        if (rq_head[p])
            return rq_head[p];
    }
    return NULL;
}

/* One clock tick charged to the running thread. */
void sched_tick(void)
{
    struct thread *t = current;

    if (!t || !t->on_rq || !thread_runnable(t))
        return;
    if (t->ticks_left > 0)
        t->ticks_left--;
    if (t->ticks_left == 0) {
        sched_yield(t);
        need_resched = true;
    }
}
