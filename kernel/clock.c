/*
 * Time. Uptime comes from the TSC (calibrated at boot by the arch code);
 * the local APIC timer ticks HZ times a second for time slices and to
 * expire timers. Each thread has two timers: its alarm (a CLOCK
 * notification) and the timeout of a futex wait. Pending timers sit in one
 * list sorted by deadline.
 */
#include "clock.h"
#include "sched.h"
#include "ipc.h"
#include "futex.h"
#include "debug.h"

int64_t boottime;

static uint64_t tsc_at_boot;
static struct ktimer *timers; /* sorted by deadline */

void clock_init(void)
{
    tsc_at_boot = arch_tsc();
    arch_timer_periodic(HZ);
}

uint64_t clock_tsc_at_boot(void)
{
    return tsc_at_boot;
}

uint64_t clock_uptime_ns(void)
{
    return arch_tsc_to_ns(arch_tsc() - tsc_at_boot);
}

void timer_set(struct ktimer *k, uint64_t deadline)
{
    timer_cancel(k);
    k->deadline = deadline;
    struct ktimer **pp = &timers;
    while (*pp && (*pp)->deadline <= deadline)
        pp = &(*pp)->next;
    k->next = *pp;
    *pp = k;
    k->armed = true;
}

void timer_cancel(struct ktimer *k)
{
    if (!k->armed)
        return;
    for (struct ktimer **pp = &timers; *pp; pp = &(*pp)->next) {
        if (*pp == k) {
            *pp = k->next;
            break;
        }
    }
    k->armed = false;
}

static void expire_timers(uint64_t now)
{
    while (timers && timers->deadline <= now) {
        struct ktimer *k = timers;
        timers = k->next;
        k->armed = false;
        k->fire(k);
    }
}

void clock_tick(void)
{
    debug_tick();
    sched_tick();
    expire_timers(clock_uptime_ns());
}

static void alarm_fire(struct ktimer *k)
{
    struct thread *t = k->owner;

    t->alarm_deadline = 0;
    notify_kernel(t, PEND_CLOCK);
}

/* Set t's alarm to an absolute uptime; 0 cancels. Returns the previous one. */
uint64_t alarm_set(struct thread *t, uint64_t deadline)
{
    uint64_t prev = t->alarm.armed ? t->alarm.deadline : 0;

    timer_cancel(&t->alarm);
    if (deadline) {
        t->alarm.owner = t;
        t->alarm.fire = alarm_fire;
        timer_set(&t->alarm, deadline);
    }
    return prev;
}
