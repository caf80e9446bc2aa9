/*
 * The network server's start-up and main loop.
 *
 * Start-up: the shim (this thread's TLS block), lwIP from /lib, its tcpip
 * thread, the loopback interface, /etc/net.conf, the waiter thread, the
 * NIC drivers found in ds (ether.c); only then is the server published in
 * ds as "net", so vfs sends it nothing before it is ready and it never
 * calls vfs afterwards (vfs calls it synchronously).
 *
 * The loop: before each receive, hand queued frames to the drivers, let
 * the waiter know which sockets to watch, and flush answers for vfs that
 * found the asynchronous send table full. Then one message: a socket call
 * from vfs, a driver's answer, or a notification (the alarm, ds, or one
 * of our own threads saying something happened).
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ember/server.h>

#include "net.h"
#include "plat.h"
#include "shim.h"

#define OUTBOX       256
#define TICK_NS      1000000000ull /* housekeeping at least this often */
#define HEAP_RESERVE (16 << 20)

endpoint_t net_main_ep;
uint8_t net_bounce[BOUNCE_SIZE];

static void *main_tcb;
static uint32_t kicked; /* a notification from our threads is on its way */
static message outbox[OUTBOX];
static int out_head, out_count;
static uint64_t alarm_at;
static bool timers_dirty;

bool net_on_main_thread(void)
{
    return plat_tls_get() == main_tcb;
}

void net_kick(void)
{
    if (!__atomic_exchange_n(&kicked, 1, __ATOMIC_ACQ_REL))
        ipc_notify(net_main_ep);
}

uint64_t net_now(void)
{
    return plat_time_ns();
}

void net_timers_changed(void)
{
    timers_dirty = true;
}

void net_send_vfs(const message *m)
{
    if (out_count == 0 && srv_async_send(VFS_EP, m) == 0)
        return;
    if (out_count == OUTBOX) {
        printf("net: answers for vfs overflow; one lost\n");
        return;
    }
    outbox[(out_head + out_count++) % OUTBOX] = *m;
}

static void outbox_flush(void)
{
    while (out_count && srv_async_send(VFS_EP, &outbox[out_head]) == 0) {
        out_head = (out_head + 1) % OUTBOX;
        out_count--;
    }
}

/* The alarm: the earliest deadline of DHCP and the waiting requests, and a
 * tick for housekeeping. */
static void timers_run(void)
{
    uint64_t now = net_now(), next = now + TICK_NS;
    uint64_t d = dhcp_run(now), s = sockio_timeouts(now);

    if (d && d < next)
        next = d;
    if (s && s < next)
        next = s;
    if (next != alarm_at) {
        alarm_at = next;
        sys_setalarm(next, 0, NULL);
    }
}

static void notified(const message *m)
{
    if (m->m_source == CLOCK) {
        alarm_at = 0;
        timers_run();
    } else if (m->m_source == DS_EP) {
        ether_ds_changed();
    } else {
        __atomic_store_n(&kicked, 0, __ATOMIC_RELEASE);
    }
    if (event_fired())
        sockio_retry();
}

static void handle(message *m)
{
    if (is_notify(m)) {
        notified(m);
        return;
    }
    if (ether_message(m))
        return;
    if (m->m_type > SOCK_BASE && m->m_type < SOCK_REPLY) {
        int r = m->m_source == VFS_EP ? sock_dispatch(m) : -EPERM;
        srv_reply(m->m_source, m, r); /* EDONTREPLY too: vfs waits for that word */
        return;
    }
    if (m->m_type > 0)
        srv_reply(m->m_source, m, -ENOSYS); /* stray answers (m_type <= 0) get none */
}

/* Make every page of .bss present and writable. The kernel
 * reads libsys's asynchronous send table without asking vm for absent
 * pages (ipc_senda fails with EFAULT on a demand-zero page it meets), and
 * this server sends asynchronously from its first message on. */
static void prefault(void)
{
    extern char __bss_start[], _end[];

    uintptr_t first = (uintptr_t)__bss_start & ~(uintptr_t)4095;

    for (uintptr_t a = first; a < (uintptr_t)_end; a += 4096) {
        volatile char *p =
            (volatile char *)(a < (uintptr_t)__bss_start ? (uintptr_t)__bss_start : a);
        *p = *p;
    }
}

/* A heap that threads can use: vm takes brk calls from a process's first
 * thread only, so the main thread grows the heap once and hands it all to
 * malloc for good (no trimming); lwIP's allocations and the threads'
 * stacks come from it. Its pages come on first touch, from any thread
 * (vm serves every thread's page faults). */
static void reserve_heap(void)
{
    mallopt(M_TRIM_THRESHOLD, -1);
    mallopt(M_TOP_PAD, 0);
    void *p = malloc(HEAP_RESERVE);
    if (!p)
        srv_panic("cannot reserve %d MiB of heap", HEAP_RESERVE >> 20);
    free(p);
}

static void start(void)
{
    prefault();
    reserve_heap();
    srv_start("net", NONE);
    net_main_ep = srv_self;
    if (shim_init() < 0)
        srv_panic("cannot set up the glibc shim");
    main_tcb = plat_tls_get();
    if (lw_load(NET_LWIP_PATH) < 0)
        srv_panic("cannot load lwIP");
    lw_start();
    iface_loopback();
    conf_load(NET_CONF_PATH);
    event_start();
    ether_init();
    int r = ds_publish(SOCK_DS_KEY, (uint64_t)net_main_ep);
    if (r < 0)
        srv_panic("cannot publish %s: %d", SOCK_DS_KEY, r);
    timers_run();
}

int main(void)
{
    message m;

    start();
    for (;;) {
        srv_async_hold(true); /* the drivers get the frames as one batch */
        ether_flush();
        srv_async_hold(false);
        event_sync();
        outbox_flush();
        if (srv_receive(&m) < 0)
            continue;
        handle(&m);
        if (timers_dirty) {
            timers_dirty = false;
            timers_run();
        }
    }
}
