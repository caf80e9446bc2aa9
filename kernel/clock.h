/* Time: uptime from the TSC, the scheduler tick, alarms and timeouts. */
#ifndef CLOCK_H
#define CLOCK_H

#include "thread.h"

#define HZ 100

void clock_init(void);
uint64_t clock_uptime_ns(void);
void clock_tick(void);
uint64_t alarm_set(struct thread *t, uint64_t deadline);

/* Kernel timers (struct ktimer is in thread.h). */
void timer_set(struct ktimer *k, uint64_t deadline);
void timer_cancel(struct ktimer *k);

extern int64_t boottime; /* seconds since the epoch at boot, set by a driver */

#endif
