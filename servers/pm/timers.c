/*
 * Timers: alarm() and the real interval timer, nanosleep, and the retry of
 * a signal delivery that had to wait. pm keeps one kernel alarm, set to the
 * earliest deadline of any process.
 */
#include <string.h>
#include <sys/time.h>
#include "pm.h"

#define NS 1000000000ull

static uint64_t earliest(const struct mproc *mp)
{
    uint64_t t = 0;
    uint64_t cand[] = { mp->alarm_at, mp->sleep_until, mp->retry_at };

    for (int i = 0; i < 3; i++)
        if (cand[i] && (!t || cand[i] < t))
            t = cand[i];
    return t;
}

void timers_update(void)
{
    uint64_t next = 0;

    for (int i = 0; i < NR_PROCS; i++) {
        uint64_t t = procs[i].used ? earliest(&procs[i]) : 0;
        if (t && (!next || t < next))
            next = t;
    }
    sys_setalarm(next, 0, NULL);
}

static void expire(struct mproc *mp, uint64_t now)
{
    message m;

    if (mp->alarm_at && mp->alarm_at <= now) {
        mp->alarm_at = mp->itimer_interval ? now + mp->itimer_interval : 0;
        sig_send(mp, SIGALRM);
    }
    if (mp->sleep_until && mp->sleep_until <= now && (mp->flags & MP_SLEEPING)) {
        mp->sleep_until = 0;
        mp->flags &= ~MP_SLEEPING;
        memset(&m, 0, sizeof(m));
        reply_to(mp, &m, 0);
    }
    if (mp->retry_at && mp->retry_at <= now) {
        mp->retry_at = 0;
        sig_check(mp);
    }
}

void timers_expire(void)
{
    uint64_t now = now_ns();

    for (int i = 0; i < NR_PROCS; i++)
        if (procs[i].used && !(procs[i].flags & MP_ZOMBIE))
            expire(&procs[i], now);
    timers_update();
}

int do_alarm(message *m)
{
    uint64_t now = now_ns(), left = 0;

    if (caller->alarm_at > now)
        left = (caller->alarm_at - now + NS - 1) / NS;
    caller->itimer_interval = 0;
    caller->alarm_at = m->pm_alarm.seconds > 0 ? now + (uint64_t)m->pm_alarm.seconds * NS : 0;
    m->pm_alarm.seconds = (int64_t)left;
    timers_update();
    return 0;
}

int do_itimer(message *m)
{
    struct pm_itimer *it = &m->pm_itimer;
    uint64_t now = now_ns();

    if (it->which != ITIMER_REAL)
        return -EINVAL;
    if (it->value_us < 0 || it->interval_us < 0)
        return -EINVAL;
    int64_t old_value = caller->alarm_at > now ? (int64_t)((caller->alarm_at - now) / 1000) : 0;
    int64_t old_interval = (int64_t)(caller->itimer_interval / 1000);
    caller->alarm_at = it->value_us ? now + (uint64_t)it->value_us * 1000 : 0;
    caller->itimer_interval = (uint64_t)it->interval_us * 1000;
    it->value_us = old_value;
    it->interval_us = old_interval;
    timers_update();
    return 0;
}

int do_sleep(message *m)
{
    if (m->pm_sleep.ns == 0)
        return 0;
    caller->sleep_until = now_ns() + m->pm_sleep.ns;
    caller->flags |= MP_SLEEPING;
    timers_update();
    return EDONTREPLY;
}
