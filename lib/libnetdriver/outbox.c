/*
 * Answers to the server. They go through the asynchronous send table
 * (srv_async_send), so the driver never waits for the server. When the
 * table is full, answers wait here, in order, and the main loop retries
 * soon (it arms a short alarm while anything waits). The outbox is bounded:
 * a server can have at most ND_SENDQ + ND_RECVQ requests pending, so only
 * a server that floods the driver with requests and never receives can
 * overflow it, and then it loses answers, which is counted and reported
 * once.
 */
#include <stdio.h>
#include <string.h>
#include "nd.h"

static message box[ND_OUTBOX];
static unsigned head, count; /* FIFO: box[head] is the oldest */
static uint64_t lost;

void nd_answer(const message *m)
{
    if (nd_session.server == NONE)
        return;
    if (count == 0 && srv_async_send(nd_session.server, m) != -EAGAIN)
        return;
    if (count == ND_OUTBOX) {
        if (lost++ == 0)
            printf("%s: the server does not take its answers; dropping them\n", nd_label);
        return;
    }
    box[(head + count) % ND_OUTBOX] = *m;
    count++;
}

void nd_answer_id(int type, uint32_t id, int result)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = type;
    NDEV_MSG(&m, ndev_reply)->id = id;
    NDEV_MSG(&m, ndev_reply)->result = result;
    if (type == NDEV_SEND_REPLY)
        NDEV_MSG(&m, ndev_send_reply)->count = 1;
    if (type == NDEV_RECV_REPLY)
        NDEV_MSG(&m, ndev_recv_reply)->count = 1;
    nd_answer(&m);
}

bool nd_outbox_flush(void)
{
    while (count > 0) {
        if (srv_async_send(nd_session.server, &box[head]) == -EAGAIN)
            return false;
        head = (head + 1) % ND_OUTBOX;
        count--;
    }
    return true;
}

void nd_outbox_reset(void)
{
    head = count = 0;
}
