/*
 * Messages the driver sends of its own accord: late replies
 * (VFS_DEV_REPLY), select events (VFS_DEV_SELECT) and signals for pm
 * (PM_SIGNAL_PGRP). They go through the kernel's asynchronous send table,
 * so the driver never blocks on the receiver, but only after the current
 * request has been answered: a caller waiting for its reply from this
 * driver would otherwise take an asynchronous message for that reply.
 */
#include <string.h>
#include "tty.h"

#define OUTBOX_SIZE 256

static struct {
    endpoint_t to;
    message m;
} box[OUTBOX_SIZE];
static int count;

static void post(endpoint_t to, const message *m)
{
    if (count == OUTBOX_SIZE) {
        tty_log("outbox full, message %d to %d lost", m->m_type, to);
        return;
    }
    box[count].to = to;
    box[count].m = *m;
    count++;
}

void outbox_reply(endpoint_t to, uint32_t id, int minor, int result)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = VFS_DEV_REPLY;
    m.vfs_dev_reply.id = id;
    m.vfs_dev_reply.result = result;
    m.vfs_dev_reply.minor = minor;
    post(to, &m);
}

void outbox_select(endpoint_t to, int minor, unsigned ops)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = VFS_DEV_SELECT;
    m.vfs_dev_reply.ops = ops;
    m.vfs_dev_reply.minor = minor;
    post(to, &m);
}

void outbox_signal(int pgrp, int sig)
{
    message m;

    if (pgrp <= 0)
        return;
    memset(&m, 0, sizeof(m));
    m.m_type = PM_SIGNAL_PGRP;
    m.pm_signal_pgrp.pgrp = pgrp;
    m.pm_signal_pgrp.sig = sig;
    post(PM_EP, &m);
}

/* Hand the queued messages to the kernel, as many as its table takes;
 * the rest wait for the next round. */
void outbox_flush(void)
{
    int sent = 0;

    while (sent < count && srv_async_send(box[sent].to, &box[sent].m) != -EAGAIN)
        sent++;
    if (sent == 0)
        return;
    memmove(&box[0], &box[sent], (size_t)(count - sent) * sizeof(box[0]));
    count -= sent;
}
