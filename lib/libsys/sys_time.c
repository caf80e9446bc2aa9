/* Stubs: KC_SETALARM, KC_TIME, KC_TIMES. */
#include "kc_util.h"

int sys_setalarm(uint64_t ns, int relative, uint64_t *previous)
{
    message m;

    kc_init(&m, KC_SETALARM);
    m.kc_setalarm.deadline = ns;
    m.kc_setalarm.relative = relative;
    int r = kernel_call(&m);
    if (previous)
        *previous = m.kc_setalarm.previous;
    return r;
}

int sys_time(uint64_t *uptime_ns, uint64_t *tsc, int64_t *boottime)
{
    message m;

    kc_init(&m, KC_TIME);
    m.kc_time.op = TIME_GET;
    int r = kernel_call(&m);
    if (uptime_ns)
        *uptime_ns = m.kc_time.uptime_ns;
    if (tsc)
        *tsc = m.kc_time.tsc;
    if (boottime)
        *boottime = m.kc_time.boottime;
    return r;
}

int sys_setboottime(int64_t boottime)
{
    message m;

    kc_init(&m, KC_TIME);
    m.kc_time.op = TIME_SET_BOOTTIME;
    m.kc_time.boottime = boottime;
    return kernel_call(&m);
}

int sys_times(endpoint_t ep, uint64_t *user_ns, uint64_t *sys_ns, uint64_t *uptime_ns)
{
    message m;

    kc_init(&m, KC_TIMES);
    m.kc_times.ep = ep;
    int r = kernel_call(&m);
    if (user_ns)
        *user_ns = m.kc_times.user_ns;
    if (sys_ns)
        *sys_ns = m.kc_times.sys_ns;
    if (uptime_ns)
        *uptime_ns = m.kc_times.uptime_ns;
    return r;
}
