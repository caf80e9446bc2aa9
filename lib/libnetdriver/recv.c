/*
 * RECV buffers and received frames. The server hands over empty buffers
 * (at most ND_RECVQ at once); they are filled in the order given. The
 * pump takes frames from the driver's receive ring: a frame the device
 * flagged, or of an impossible length, is counted as an input error and
 * dropped; a frame the session's mode does not admit is counted as
 * filtered and dropped; a good frame is copied into the oldest buffer and
 * answered with its length. When no buffer waits, the pump stops and the
 * frame stays in the ring, where the device holds it (or drops what no
 * longer fits, which it counts itself). Frames delivered into buffers
 * the server numbered in sequence with NDEV_RECV_JOIN are answered
 * together (struct run), at the end of the pump or of the run.
 */
#include <string.h>
#include "nd.h"

struct rx_buffer {
    uint32_t id;
    uint32_t flags;
    grant_id_t grant;
};

static struct rx_buffer queue[ND_RECVQ];
static unsigned head, count; /* FIFO: queue[head] is the oldest */

/* Filled buffers not answered yet: a run of joined ones (NDEV_RECV_JOIN). */
static struct run {
    uint32_t last_id, last_flags;
    uint32_t count;
    int bytes;
    uint16_t len[NDEV_RECV_JOIN_MAX];
} run;

/* One answer for buffers id - n + 1 .. id. */
static void answer(uint32_t id, int result, uint32_t n, const uint16_t *len)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = NDEV_RECV_REPLY;
    NDEV_MSG(&m, ndev_recv_reply)->id = id;
    NDEV_MSG(&m, ndev_recv_reply)->result = result;
    NDEV_MSG(&m, ndev_recv_reply)->count = n;
    if (len)
        memcpy(NDEV_MSG(&m, ndev_recv_reply)->len, len, n * sizeof(*len));
    nd_answer(&m);
}

static void run_end(void)
{
    if (run.count)
        answer(run.last_id, run.bytes, run.count, run.len);
    run.count = 0;
}

/* Buffer b got a frame of len bytes: it joins the run, or ends it and
 * starts the next. */
static void run_add(const struct rx_buffer *b, int len)
{
    bool joins = run.count && run.count < NDEV_RECV_JOIN_MAX &&
                 (run.last_flags & b->flags & NDEV_RECV_JOIN) && b->id == run.last_id + 1;

    if (!joins) {
        run_end();
        run.bytes = 0;
    }
    run.last_id = b->id;
    run.last_flags = b->flags;
    run.len[run.count++] = (uint16_t)len;
    run.bytes += len;
}

/* A RECV is taken or refused whole: a refusal answers all its buffers
 * (but one whose count is no number trusts only its id). */
int nd_do_recv(message *m)
{
    const struct ndev_recv *q = NDEV_MSG(m, ndev_recv);

    if (q->more > NDEV_RECV_MORE)
        return -EINVAL;
    int r = q->len < NDEV_FRAME_MAX ? -EINVAL : count + 1 + q->more > ND_RECVQ ? -EAGAIN : 0;
    if (r < 0 && q->more == 0)
        return r;
    if (r < 0) {
        answer(q->id + q->more, r, 1 + q->more, NULL);
        return EDONTREPLY;
    }
    for (uint32_t i = 0; i <= q->more; i++) {
        grant_id_t g = i == 0 ? q->grant : q->more_grant[i - 1];
        queue[(head + count) % ND_RECVQ] = (struct rx_buffer){ q->id + i, q->flags, g };
        count++;
    }
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
        run_end();
        answer(b.id, -EFAULT, 1, NULL);
        return false;
    }
    nd_stats.in_packets++;
    nd_stats.in_bytes += (uint64_t)len;
    run_add(&b, len);
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

/* Good frames waiting for one vectored copy into their buffers. */
#define RX_BATCH NDEV_RECV_JOIN_MAX
static struct {
    struct vsafecopy_elem vec[RX_BATCH];
    struct rx_buffer buf[RX_BATCH];
    unsigned n;
} batch;

/* Copy the batch out in one kernel call. Should a buffer fail, the
 * buffers go back to the queue and each frame is delivered alone, so a
 * bad buffer costs only itself (the frame takes the next one). */
static void batch_copy(void)
{
    unsigned n = batch.n;

    batch.n = 0;
    if (n == 0)
        return;
    if (sys_vsafecopy(batch.vec, n) == 0) {
        for (unsigned i = 0; i < n; i++) {
            nd_stats.in_packets++;
            nd_stats.in_bytes += batch.vec[i].len;
            run_add(&batch.buf[i], (int)batch.vec[i].len);
        }
        return;
    }
    head = (head + ND_RECVQ - n) % ND_RECVQ;
    count += n;
    for (unsigned i = 0; i < n; i++) {
        bool delivered = false;
        while (count > 0 &&
               !(delivered = deliver((const void *)batch.vec[i].addr, (int)batch.vec[i].len)))
            ;
        if (!delivered)
            nd_stats.in_dropped++; /* given back to the device already */
    }
}

/* Take the oldest buffer for frame; the copy comes with the batch's. */
static void batch_add(const void *frame, int len)
{
    batch.buf[batch.n] = queue[head];
    batch.vec[batch.n] = (struct vsafecopy_elem){ .dir = COPY_TO,
                                                  .owner = nd_session.server,
                                                  .grant = queue[head].grant,
                                                  .offset = 0,
                                                  .addr = (uint64_t)frame,
                                                  .len = (uint64_t)len };
    head = (head + 1) % ND_RECVQ;
    count--;
    if (++batch.n == RX_BATCH)
        batch_copy();
}

/* With a flush op, frames given back stay put until the flush
 * (netdriver.h), so they are copied out in batches; without one, each
 * frame is copied before it is given back. */
void nd_recv_pump(void)
{
    const void *frame;
    int len;
    bool batched = nd_ops->flush != NULL;

    while ((len = nd_ops->rx_next(&frame)) != 0) {
        if (wanted(frame, len)) {
            bool delivered = false;
            if (batched && count > 0) {
                batch_add(frame, len);
                delivered = true;
            }
            while (!delivered && count > 0 && !(delivered = deliver(frame, len)))
                ;
            if (!delivered)
                break; /* it waits in the ring for a buffer */
        }
        nd_ops->rx_done();
    }
    batch_copy();
    run_end();
    if (nd_ops->flush) /* descriptors rx_next() skipped count too */
        nd_ops->flush();
}

/* Forget every buffer; answer each with result if asked to. */
void nd_recv_reset(bool answer_them, int result)
{
    for (; count > 0; count--, head = (head + 1) % ND_RECVQ)
        if (answer_them)
            answer(queue[head].id, result, 1, NULL);
    head = 0;
    run.count = 0;
}
