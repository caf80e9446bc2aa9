/*
 * rs: the reincarnation server. At start-up it adopts the boot services;
 * once vfs is up it reads /etc/system.conf for their restart policies and
 * heartbeat periods. Then it waits for deaths (pm notifies rs, their
 * parent), heartbeat replies, its timer, and the service command.
 */
#include <string.h>
#include "rs.h"

#define H(call, fn) [(call)-RS_BASE] = (fn)

static int (*const handlers[])(message *) = {
    H(RS_UP, do_up),     H(RS_DOWN, do_down), H(RS_RESTART, do_restart), H(RS_REFRESH, do_refresh),
    H(RS_KILL, do_kill), H(RS_FI, do_fi),     H(RS_LIST, do_list),       H(RS_LOOKUP, do_lookup),
};

#define NR_HANDLERS (int)(sizeof(handlers) / sizeof(handlers[0]))

static void handle(message *m)
{
    int call = m->m_type - RS_BASE;

    if (m->m_type == 0) { /* a heartbeat answer */
        struct service *s = svc_by_ep(m->m_source);
        if (s) {
            s->ping_answered = now_ms();
            s->ready = true;
        }
        return;
    }
    int r = call > 0 && call < NR_HANDLERS && handlers[call] ? handlers[call](m) : -ENOSYS;
    srv_reply(m->m_source, m, r);
}

int main(void)
{
    message m;

    srv_start("rs", RS_EP);
    adopt_boot_services();
    config_load("/etc/system.conf");
    for (int i = 0; i < NR_SERVICES; i++)
        if (services[i].used)
            config_apply(&services[i]);
    timers_update();
    for (;;) {
        if (srv_receive(&m) < 0)
            continue;
        if (is_notify(&m)) {
            if (m.m_source == PM_EP)
                reap_children();
            else if (m.m_source == CLOCK)
                heartbeat_tick();
            continue;
        }
        handle(&m);
    }
}
