/*
 * VTIME timeouts. Waiting reads may carry a deadline (read.c); the
 * driver's one kernel alarm is kept at the earliest of them, and when it
 * rings every terminal serves its reads again, which answers those whose
 * time is up.
 */
#include "tty.h"

static uint64_t armed; /* the alarm's deadline, 0: none */

uint64_t clock_now(void)
{
    return sys_uptime_ns();
}

void timer_update(void)
{
    uint64_t first = 0;

    for (int i = 0; i < NR_TTYS; i++) {
        uint64_t d = ttys[i].present ? tty_read_deadline(&ttys[i]) : 0;
        if (d && (!first || d < first))
            first = d;
    }
    if (first == armed)
        return;
    armed = first;
    sys_setalarm(first, 0, NULL);
}

void timer_expired(void)
{
    armed = 0;
    for (int i = 0; i < NR_TTYS; i++)
        if (ttys[i].present && ttys[i].reads)
            tty_serve_reads(&ttys[i]);
    timer_update();
}
