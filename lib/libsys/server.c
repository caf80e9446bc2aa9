/* The server library's message loop, replies and asynchronous sends. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <ember/server.h>

#define ASYNC_SLOTS 128

endpoint_t srv_self = NONE;
const char *srv_name = "server";

static async_msg_t async_table[ASYNC_SLOTS];

/*
 * The reply srv_reply_next keeps back: srv_receive sends it and waits for
 * the next message in one trap (IPC_REPLYRECV), and the kernel switches
 * straight to the client, instead of a send, a trip through the scheduler
 * and a receive.
 */
static message held;
static endpoint_t held_to = NONE;

void srv_start(const char *name, endpoint_t expected)
{
    srv_name = name;
    srv_self = sys_self();
    if (expected != NONE && srv_self != expected)
        srv_panic("started as endpoint %d, expected %d: check release/bootlist's order", srv_self,
                  expected);
}

int srv_receive(message *m)
{
    for (;;) {
        int r;
        if (held_to != NONE) {
            *m = held;
            r = ipc_replyrecv(held_to, ANY, m);
            held_to = NONE;
        } else {
            r = ipc_receive(ANY, m);
        }
        if (r < 0)
            return r;
        if (m->m_type != SRV_PING)
            return 0;
        m->m_type = 0; /* asynchronously: rs may be busy, and must not miss it */
        srv_async_send(m->m_source, m);
    }
}

void srv_reply(endpoint_t to, message *m, int result)
{
    m->m_type = result;
    ipc_sendnb(to, m);
}

void srv_reply_next(endpoint_t to, const message *m, int result)
{
    if (held_to != NONE)
        ipc_sendnb(held_to, &held);
    held = *m;
    held.m_type = result;
    held_to = to;
}

/* The table's length as the kernel sees it: up to the last entry still
 * waiting, so each ipc_senda (and each later delivery, which scans the
 * table again) reads only the part in use, not all ASYNC_SLOTS entries.
 * No entry at or above async_top is waiting, so the search starts there
 * rather than at the table's end (it runs at every send). */
static size_t async_top;

static size_t async_used(void)
{
    size_t n = async_top;

    while (n > 0 &&
           (!(async_table[n - 1].flags & ASYNC_VALID) || (async_table[n - 1].flags & ASYNC_DONE)))
        n--;
    async_top = n;
    return n;
}

/* While held (srv_async_hold), messages only join the table; the release
 * hands them all to the kernel in one ipc_senda, so a peer that outranks
 * us takes the whole batch in one go instead of one switch per message. */
static bool async_held, async_queued;

void srv_async_hold(bool hold)
{
    async_held = hold;
    if (!hold && async_queued) {
        async_queued = false;
        ipc_senda(async_table, async_used());
    }
}

int srv_async_send(endpoint_t to, const message *m)
{
    for (int i = 0; i < ASYNC_SLOTS; i++) {
        async_msg_t *e = &async_table[i];
        if ((e->flags & ASYNC_VALID) && !(e->flags & ASYNC_DONE))
            continue;
        e->msg = *m;
        e->dst = to;
        e->result = 0;
        e->flags = ASYNC_VALID;
        if ((size_t)i >= async_top)
            async_top = (size_t)i + 1;
        if (async_held) {
            async_queued = true;
            return 0;
        }
        return ipc_senda(async_table, async_used());
    }
    return -EAGAIN;
}

_Noreturn void srv_no_device(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int n = snprintf(buf, sizeof(buf), "%s: ", srv_name);

    va_start(ap, fmt);
    vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    strcat(buf, "\n");
    sys_kprint(buf, strlen(buf));
    exit(SRV_EXIT_NODEV);
}

_Noreturn void srv_panic(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int n = snprintf(buf, sizeof(buf), "%s: panic: ", srv_name);

    va_start(ap, fmt);
    vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    strcat(buf, "\n");
    sys_kprint(buf, strlen(buf));
    /* pm ends us and tells our parent (rs, which restarts drivers); the
     * core servers, and processes pm does not know, just stop. */
    if (srv_self == DS_EP || srv_self == RS_EP || srv_self == PM_EP || srv_self == VM_EP ||
        srv_self == VFS_EP)
        sys_clear(SELF, 1);
    _exit(1);
}
