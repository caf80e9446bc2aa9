/*
 * The driver's life: start-up, then one loop that takes a message, lets
 * the request's handler or the device's interrupt do its part, and then
 * moves whatever can move: queued frames into the transmit ring, received
 * frames into the server's buffers, answers into the async table.
 *
 * One alarm keeps the driver honest when no interrupt comes: every second
 * it polls the device (a lost interrupt or a link change is noticed), and
 * every few milliseconds while answers wait for room in the async table or
 * frames wait for room in the transmit ring.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nd.h"

#define POLL_SLOW_MS 1000
#define POLL_FAST_MS 10

const struct netdriver_ops *nd_ops;
char nd_label[20];

static uint64_t alarm_at; /* when the armed alarm fires; 0: none armed */
static bool alarm_fast;   /* the armed alarm is a POLL_FAST_MS one */

static int (*const handlers[])(message *) = {
    [NDEV_INIT - NDEV_BASE] = nd_do_init,   [NDEV_CONF - NDEV_BASE] = nd_do_conf,
    [NDEV_SEND - NDEV_BASE] = nd_do_send,   [NDEV_RECV - NDEV_BASE] = nd_do_recv,
    [NDEV_STATS - NDEV_BASE] = nd_do_stats,
};

#define NR_HANDLERS ((int)(sizeof(handlers) / sizeof(handlers[0])))

/* A request's answer type: the call's *_REPLY. */
static int reply_type(int call)
{
    return call - NDEV_INIT + NDEV_INIT_REPLY;
}

/* Run a request. Handlers answer the server themselves (at once or
 * later); a refusal is answered here. A stranger gets its refusal by a
 * plain non-blocking reply, so nobody but the server can fill the outbox.
 * A request of another session is dropped (see ndev.h). A message whose
 * type is no call number (a stray reply) gets no answer. */
static void dispatch(message *m)
{
    int call =
        m->m_type > NDEV_BASE && m->m_type < NDEV_BASE + NR_HANDLERS ? m->m_type - NDEV_BASE : 0;
    uint32_t id = NDEV_MSG(m, ndev_init)->id;

    if (!handlers[call]) {
        if (m->m_type > 0) /* a reply (<= 0) is never answered: no endless exchanges */
            srv_reply(m->m_source, m, -ENOSYS);
        return;
    }
    if (m->m_type != NDEV_INIT && !nd_is_server(m->m_source)) {
        memset(m->raw, 0, sizeof(m->raw));
        NDEV_MSG(m, ndev_reply)->id = id;
        NDEV_MSG(m, ndev_reply)->result = -EPERM;
        m->m_type = reply_type(m->m_type);
        ipc_sendnb(m->m_source, m);
        return;
    }
    if (m->m_type != NDEV_INIT && NDEV_MSG(m, ndev_init)->session != nd_session.number) {
        nd_stale(m);
        return;
    }
    int r = handlers[call](m);
    if (r != EDONTREPLY)
        nd_answer_id(reply_type(m->m_type), id, r);
}

/* Runs before every receive, so it asks the time only when it must: an
 * armed alarm is never later than one set now for the same period would
 * be (time only moves on), so it stands unless it is a slow one and we
 * are in a hurry. */
static void arm_alarm(void)
{
    bool hurry = !nd_outbox_flush() || nd_send_waiting();

    if (alarm_at && (alarm_fast || !hurry))
        return;
    uint64_t want = nd_now_ns() + (hurry ? POLL_FAST_MS : POLL_SLOW_MS) * 1000000ull;
    if (alarm_at && alarm_at <= want)
        return;
    if (sys_setalarm(want, 0, NULL) == 0) {
        alarm_at = want;
        alarm_fast = hurry;
    }
}

static void notified(const message *m)
{
    if (m->m_source == HARDWARE) {
        nd_ops->intr(m->notify.irqs);
    } else if (m->m_source == CLOCK) {
        alarm_at = 0;
        nd_ops->poll();
    }
}

static void parse_args(const struct netdriver_ops *ops, int argc, char **argv, int *instance)
{
    const char *label = NULL;

    *instance = 0;
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "label=", 6) == 0)
            label = argv[i] + 6;
        else if (strncmp(argv[i], "instance=", 9) == 0)
            *instance = atoi(argv[i] + 9);
        else
            printf("%s: unknown argument %s\n", ops->name, argv[i]);
    }
    if (*instance < 0)
        *instance = 0;
    if (label)
        snprintf(nd_label, sizeof(nd_label), "%s", label);
    else
        snprintf(nd_label, sizeof(nd_label), "%s_%d", ops->name, *instance);
}

/* Find, claim and start the device, then tell the world where we are. */
static int start(const struct netdriver_ops *ops, int argc, char **argv)
{
    struct nd_device dev;
    char key[DS_KEY_MAX];
    int instance;

    nd_ops = ops;
    parse_args(ops, argc, argv, &instance);
    srv_start(nd_label, NONE);
    nd_session.server = NONE;
    int r = nd_pci_attach(ops->ids, instance, &dev);
    if (r == -ENODEV)
        srv_no_device("no device to drive (instance %d)", instance);
    if (r < 0) {
        printf("%s: no device (instance %d): error %d\n", nd_label, instance, r);
        return r;
    }
    r = ops->init(&dev, nd_hwaddr);
    if (r < 0) {
        printf("%s: cannot start the device: error %d\n", nd_label, r);
        ops->stop(); /* whatever init got going: no DMA after we are gone */
        return r;
    }
    snprintf(key, sizeof(key), NDEV_DS_PREFIX "%s", nd_label);
    r = ds_publish(key, (uint64_t)srv_self);
    if (r < 0) {
        printf("%s: cannot publish %s: error %d\n", nd_label, key, r);
        ops->stop();
        return r;
    }
    printf("%s: %02x:%02x:%02x:%02x:%02x:%02x, irq %d, published as %s\n", nd_label, nd_hwaddr[0],
           nd_hwaddr[1], nd_hwaddr[2], nd_hwaddr[3], nd_hwaddr[4], nd_hwaddr[5], dev.irq, key);
    return 0;
}

int netdriver_task(const struct netdriver_ops *ops, int argc, char **argv)
{
    message m;

    if (start(ops, argc, argv) < 0)
        return 1;
    for (;;) {
        arm_alarm();
        if (srv_receive(&m) < 0)
            continue;
        bool send = !is_notify(&m) && m.m_type == NDEV_SEND;
        srv_async_hold(true); /* the answers go to the server in one batch */
        if (is_notify(&m))
            notified(&m);
        else
            dispatch(&m);
        if (!send || !nd_send_deferred())
            nd_send_pump();
        nd_recv_pump();
        srv_async_hold(false);
    }
}

_Noreturn void netdriver_fail(const char *why)
{
    printf("%s: %s; stopping\n", nd_label, why);
    nd_send_reset(true, -EIO);
    nd_recv_reset(true, -EIO);
    srv_async_hold(false); /* what the loop held goes now */
    for (int i = 0; i < 100 && !nd_outbox_flush(); i++)
        nd_sleep_ms(1);
    nd_ops->stop();
    fflush(stdout);
    exit(1);
}
