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

static int time_get(message *m)
{
    kc_init(m, KC_TIME);
    m->kc_time.op = TIME_GET;
    return kernel_call(m);
}

int sys_time(uint64_t *uptime_ns, uint64_t *tsc, int64_t *boottime)
{
    message m;
    int r = time_get(&m);

    if (uptime_ns)
        *uptime_ns = m.kc_time.uptime_ns;
    if (tsc)
        *tsc = m.kc_time.tsc;
    if (boottime)
        *boottime = m.kc_time.boottime;
    return r;
}

/* The kernel's uptime without asking it: its own formula on the TSC
 * (user mode may read it), with the boot TSC and the scale fetched by the
 * first call; they never change. Threads racing on the first call store
 * the same values. */
uint64_t sys_uptime_ns(void)
{
    static uint64_t tsc_boot, ns_per_tsc;
    uint64_t scale = __atomic_load_n(&ns_per_tsc, __ATOMIC_ACQUIRE);
    uint32_t lo, hi;

    if (!scale) {
        message m;
        if (time_get(&m) < 0 || !m.kc_time.ns_per_tsc)
            return m.kc_time.uptime_ns;
        tsc_boot = m.kc_time.tsc_boot;
        __atomic_store_n(&ns_per_tsc, m.kc_time.ns_per_tsc, __ATOMIC_RELEASE);
        return m.kc_time.uptime_ns;
    }
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    uint64_t tsc = (uint64_t)hi << 32 | lo;
    return (uint64_t)(((unsigned __int128)(tsc - tsc_boot) * scale) >> 32);
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
