/*
 * Scheduling: NR_PRIORITIES ready queues, round robin within a queue, a
 * quantum in clock ticks. IPC switches threads directly (ipc.c) and only
 * tells the scheduler which threads became ready or blocked.
 */
#ifndef SCHED_H
#define SCHED_H

#include "thread.h"

void sched_init(void);
void sched_ready(struct thread *t);
void sched_unready(struct thread *t);
void sched_tick(void);
struct thread *sched_pick(void);
void sched_yield(struct thread *t);

/* Set when a thread that outranks the running one became ready. */
extern bool need_resched;

#endif
