/*
 * RECV buffers and received frames. The server hands over empty buffers
 * (at most ND_RECVQ at once); they are filled in the order given. The
 * pump takes frames from the driver's receive ring: a frame the device
 * flagged, or of an impossible length, is counted as an input error and
 * dropped; a frame the session's mode does not admit is counted as
 * filtered and dropped; a good frame is copied into the oldest buffer and
 * answered with its length. When no buffer waits, the pump stops and the
 * frame stays in the ring, where the device holds it (or drops what no
 * longer fits, which it counts itself).
 */
#include "nd.h"

struct rx_buffer {
    uint32_t id;
    grant_id_t grant;
};

static struct rx_buffer queue[ND_RECVQ];
static unsigned head, count; /* FIFO: queue[head] is the oldest */

int nd_do_recv(message *m)
{
    const struct ndev_recv *q = NDEV_MSG(m, ndev_recv);

    if (q->len < NDEV_FRAME_MAX)
        return -EINVAL;
    if (count == ND_RECVQ)
        return -EAGAIN;
    queue[(head + count) % ND_RECVQ] = (struct rx_buffer){ q->id, q->grant };
    count++;
    return EDONTREPLY;
}

/* Deliver one good frame into the oldest buffer; false when the buffer
 * was bad (answered EFAULT) and the frame must try the next one. */
static bool deliver(const void *frame, int len)
{
    struct rx_buffer b = queue[head];

    head = (head + 1) % ND_RECVQ;
    count--;
    if (sys_safecopyto(nd_session.server, b.grant, 0, frame, (size_t)len) < 0) {
        nd_answer_id(NDEV_RECV_REPLY, b.id, -EFAULT);
        return false;
    }
    nd_stats.in_packets++;
    nd_stats.in_bytes += (uint64_t)len;
    nd_answer_id(NDEV_RECV_REPLY, b.id, len);
    return true;
}

/* Classify the frame at the head of the ring; true when it is to be
 * delivered, false when it was counted and must be dropped. */
static bool wanted(const void *frame, int len)
{
    if (len < 0 || len < NDEV_HDR_LEN || len > NDEV_FRAME_MAX) {
        nd_stats.in_errors++;
        return false;
    }
    if (!nd_accepts(frame)) {
        nd_stats.in_filtered++;
        return false;
    }
    return true;
}

void nd_recv_pump(void)
{
    const void *frame;
    int len;

    while ((len = nd_ops->rx_next(&frame)) != 0) {
        if (wanted(frame, len)) {
            bool delivered = false;
            while (count > 0 && !(delivered = deliver(frame, len)))
                ;
            if (!delivered)
                break; /* it waits in the ring for a buffer */
        }
        nd_ops->rx_done();
    }
    if (nd_ops->flush) /* descriptors rx_next() skipped count too */
        nd_ops->flush();
}

/* Forget every buffer; answer each with result if asked to. */
void nd_recv_reset(bool answer, int result)
{
    for (; count > 0; count--, head = (head + 1) % ND_RECVQ)
        if (answer)
            nd_answer_id(NDEV_RECV_REPLY, queue[head].id, result);
    head = 0;
}
