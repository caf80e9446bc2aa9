/* Time: KC_SETALARM, KC_TIME, KC_TIMES. */
#include "../kcall.h"
#include "../clock.h"

int do_setalarm(struct thread *t, message *m)
{
    struct kc_setalarm *a = &m->kc_setalarm;
    uint64_t deadline = a->deadline;

    if (deadline && a->relative)
        deadline += clock_uptime_ns();
    a->previous = alarm_set(t, deadline);
    return 0;
}

int do_time(struct thread *t, message *m)
{
    struct kc_time *c = &m->kc_time;

    UNUSED(t);
    if (c->op == TIME_SET_BOOTTIME) {
        boottime = c->boottime;
        return 0;
    }
    if (c->op != TIME_GET)
        return -EINVAL;
    c->uptime_ns = clock_uptime_ns();
    c->tsc = arch_tsc();
    c->boottime = boottime;
    c->tsc_boot = clock_tsc_at_boot();
    c->ns_per_tsc = arch_tsc_scale();
    return 0;
}

int do_times(struct thread *t, message *m)
{
    struct kc_times *c = &m->kc_times;
    struct thread *x = c->ep == SELF ? t : ep_thread(c->ep);

    if (!x)
        return -EDEADSRCDST;
    c->user_ns = arch_tsc_to_ns(x->cpu_tsc);
    c->sys_ns = 0;
    c->uptime_ns = clock_uptime_ns();
    return 0;
}
