/*
 * A diagnostic for deadlocks: with dump=SECONDS on the command line, the
 * kernel prints every thread (name, endpoint, blocking flags, IPC partner)
 * once, at that uptime. Costs one comparison per clock tick otherwise.
 */
#include "debug.h"
#include "bootinfo.h"
#include "clock.h"

static uint64_t dump_at; /* uptime ns; 0: never */

void debug_init(void)
{
    char buf[16];
    const char *v = cmdline_value("dump", buf, sizeof(buf));
    uint64_t s = 0;

    for (; v && *v >= '0' && *v <= '9'; v++)
        s = s * 10 + (uint64_t)(*v - '0');
    dump_at = s * 1000000000ull;
}

static void dump_threads(void)
{
    kprintf("kernel: thread dump at %lu ms\n", clock_uptime_ns() / 1000000);
    for (int i = 0; i < NR_SLOTS; i++) {
        struct thread *t = &threads[i];
        if (t->rts & RTS_FREE)
            continue;
        endpoint_t partner = t->rts & RTS_SENDING     ? t->sendto
                             : t->rts & RTS_RECEIVING ? t->getfrom
                                                      : NONE;
        kprintf("  %-12s ep %5d rts %03x %s%s partner %d%s\n", t->name, t->ep, t->rts,
                t->rts & RTS_SENDING ? "send" : "", t->rts & RTS_RECEIVING ? "recv" : "", partner,
                t->in_call ? " (in call)" : "");
    }
}

void debug_tick(void)
{
    if (dump_at && clock_uptime_ns() >= dump_at) {
        dump_at = 0;
        dump_threads();
    }
}
