/* Time: uptime from the TSC, the scheduler tick, alarms and timeouts. */
#ifndef CLOCK_H
#define CLOCK_H

#include "thread.h"

/* 1 kHz: alarms and timeouts have millisecond resolution. Under QEMU's
 * -icount sleep=off an idle guest's clock leaps to its next timer event,
 * so the tick also bounds how much guest time a wait for the host (a disk
 * or network answer) appears to take. */
#define HZ 1000

void clock_init(void);
uint64_t clock_uptime_ns(void);
uint64_t clock_tsc_at_boot(void); /* uptime 0 on the TSC */
void clock_tick(void);
uint64_t alarm_set(struct thread *t, uint64_t deadline);

/* Kernel timers (struct ktimer is in thread.h). */
void timer_set(struct ktimer *k, uint64_t deadline);
void timer_cancel(struct ktimer *k);

extern int64_t boottime; /* seconds since the epoch at boot, set by a driver */

#endif
