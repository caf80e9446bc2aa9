/*
 * SEND requests. A request is checked whole when it arrives (segment
 * count, lengths, the total) and refused at once when it is malformed;
 * a good one joins a FIFO of at most ND_SENDQ requests. A SEND flagged
 * NDEV_SEND_MORE defers the pump (nd_send_deferred) until the batch's last
 * SEND, or any other message or event, comes. The pump moves
 * requests from the FIFO into the driver's transmit ring, in order, as
 * long as the ring has room (and rings the device's doorbell once at the
 * end, when the driver has a flush op): the frame is gathered from the server's
 * grants straight into the ring's buffer (one vectored safe copy), then
 * committed, then answered with its length. A grant that fails the copy
 * costs its request only (answered EFAULT); the ring slot is simply
 * reused by the next frame. Runs of SENDs the server numbered in sequence
 * with NDEV_SEND_JOIN get one answer (struct run) at the end of the pump
 * or of the run.
 */
#include <string.h>
#include "nd.h"

struct pending_send {
    uint32_t id;
    uint32_t flags;
    uint32_t count;
    uint32_t len; /* the frame: the sum of the segments */
    struct ndev_seg seg[NDEV_SEGS_MAX];
};

static struct pending_send queue[ND_SENDQ];
static void answer(uint32_t id, int result, uint32_t n);
static unsigned head, count; /* FIFO: queue[head] is the oldest */
static bool more;            /* the last SEND said another follows at once */

bool nd_send_waiting(void)
{
    return count > 0;
}

bool nd_send_deferred(void)
{
    return more && count < ND_SENDQ;
}

/* Check a request; the frame's length on success. */
static int check_send(const struct ndev_send *s)
{
    uint64_t total = 0;

    if (s->count == 0 || s->count > NDEV_SEGS_MAX)
        return -EINVAL;
    for (uint32_t i = 0; i < s->count; i++)
        total += s->seg[i].len;
    if (total < NDEV_FRAME_MIN || total > NDEV_FRAME_MAX)
        return -EINVAL;
    return (int)total;
}

/* NDEV_SEND_FRAMES: each segment a frame of its own, ids id, id + 1, ...;
 * all are taken, or all refused with one answer. */
static int take_frames(const struct ndev_send *s)
{
    int r = 0;

    if (s->count == 0 || s->count > NDEV_SEGS_MAX)
        return -EINVAL; /* answered under its id alone */
    for (uint32_t i = 0; i < s->count; i++)
        if (s->seg[i].len < NDEV_FRAME_MIN || s->seg[i].len > NDEV_FRAME_MAX)
            r = -EINVAL;
    if (r == 0 && count + s->count > ND_SENDQ)
        r = -EAGAIN;
    if (r < 0) {
        nd_stats.out_errors += s->count;
        answer(s->id + s->count - 1, r, s->count);
        return EDONTREPLY;
    }
    more = (s->flags & NDEV_SEND_MORE) != 0;
    for (uint32_t i = 0; i < s->count; i++) {
        struct pending_send *p = &queue[(head + count++) % ND_SENDQ];
        p->id = s->id + i;
        p->flags = s->flags;
        p->count = 1;
        p->len = s->seg[i].len;
        p->seg[0] = s->seg[i];
    }
    return EDONTREPLY;
}

int nd_do_send(message *m)
{
    const struct ndev_send *s = NDEV_MSG(m, ndev_send);

    more = false;
    if (s->flags & NDEV_SEND_FRAMES)
        return take_frames(s);
    int len = check_send(s);
    if (len < 0 || count == ND_SENDQ) {
        nd_stats.out_errors++;
        return len < 0 ? len : -EAGAIN;
    }
    more = (s->flags & NDEV_SEND_MORE) != 0;
    struct pending_send *p = &queue[(head + count) % ND_SENDQ];
    p->id = s->id;
    p->flags = s->flags;
    p->count = s->count;
    p->len = (uint32_t)len;
    memcpy(p->seg, s->seg, s->count * sizeof(s->seg[0]));
    count++;
    return EDONTREPLY;
}

/* The copies that gather the request's frame into buf, at vec; how many. */
static unsigned gather_vec(const struct pending_send *p, uint8_t *buf, struct vsafecopy_elem *vec)
{
    size_t off = 0;
    unsigned n = 0;

    for (uint32_t i = 0; i < p->count; i++) {
        if (p->seg[i].len == 0)
            continue;
        vec[n++] = (struct vsafecopy_elem){ .dir = COPY_FROM,
                                            .owner = nd_session.server,
                                            .grant = p->seg[i].grant,
                                            .offset = 0,
                                            .addr = (uint64_t)(buf + off),
                                            .len = p->seg[i].len };
        off += p->seg[i].len;
    }
    return n;
}

/* Gather the request's frame into buf. */
static int gather(const struct pending_send *p, uint8_t *buf)
{
    struct vsafecopy_elem vec[NDEV_SEGS_MAX];

    return sys_vsafecopy(vec, gather_vec(p, buf, vec)) < 0 ? -EFAULT : 0;
}

/* Sent frames not answered yet: a run of joined SENDs (NDEV_SEND_JOIN). */
static struct run {
    uint32_t last_id, last_flags;
    uint32_t count;
    uint32_t bytes;
} run;

static void answer(uint32_t id, int result, uint32_t n)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = NDEV_SEND_REPLY;
    NDEV_MSG(&m, ndev_send_reply)->id = id;
    NDEV_MSG(&m, ndev_send_reply)->result = result;
    NDEV_MSG(&m, ndev_send_reply)->count = n;
    nd_answer(&m);
}

static void run_end(void)
{
    if (run.count)
        answer(run.last_id, (int)run.bytes, run.count);
    run.count = 0;
}

/* Frame p went out: it joins the run, or ends it and starts the next. */
static void run_add(const struct pending_send *p)
{
    bool joins =
        run.count && (run.last_flags & p->flags & NDEV_SEND_JOIN) && p->id == run.last_id + 1;

    if (!joins) {
        run_end();
        run.bytes = 0;
    }
    run.last_id = p->id;
    run.last_flags = p->flags;
    run.count++;
    run.bytes += p->len;
}

/* p's frame is in the ring: out it goes, answered with its run. */
static void went_out(const struct pending_send *p)
{
    nd_ops->tx_commit(p->len);
    nd_stats.out_packets++;
    nd_stats.out_bytes += p->len;
    run_add(p);
}

/* The oldest request goes out, alone: gathered, committed, answered. */
static void pump_one(uint8_t *buf, bool *committed)
{
    struct pending_send *p = &queue[head];

    head = (head + 1) % ND_SENDQ;
    count--;
    int r = gather(p, buf);
    if (r < 0) {
        nd_stats.out_errors++;
        run_end();
        answer(p->id, r, 1);
        return;
    }
    went_out(p);
    *committed = true;
}

/* Up to TX_BATCH of the oldest requests, gathered by one vectored copy
 * into the buffers the ring will give them (tx_buffer_ahead); the number
 * that went out, or 0 when the copy failed (the caller then goes one by
 * one, and only the bad request fails). */
#define TX_BATCH 8
static unsigned pump_batch(bool *committed)
{
    struct vsafecopy_elem vec[TX_BATCH * NDEV_SEGS_MAX];
    unsigned n = 0, nvec = 0;

    for (; n < TX_BATCH && n < count; n++) {
        uint8_t *buf = nd_ops->tx_buffer_ahead(n);
        if (!buf)
            break;
        nvec += gather_vec(&queue[(head + n) % ND_SENDQ], buf, vec + nvec);
    }
    if (n < 2 || sys_vsafecopy(vec, nvec) < 0)
        return 0;
    for (unsigned k = 0; k < n; k++) {
        struct pending_send *p = &queue[head];
        head = (head + 1) % ND_SENDQ;
        count--;
        went_out(p);
    }
    *committed = true;
    return n;
}

void nd_send_pump(void)
{
    bool committed = false;

    more = false;
    while (count > 0) {
        if (nd_ops->tx_buffer_ahead && count > 1 && pump_batch(&committed) > 0)
            continue;
        uint8_t *buf = nd_ops->tx_buffer();
        if (!buf)
            break;
        pump_one(buf, &committed);
    }
    run_end();
    if (committed && nd_ops->flush)
        nd_ops->flush();
}

/* Forget every waiting request; answer each with result if asked to. */
void nd_send_reset(bool answer_them, int result)
{
    for (; count > 0; count--, head = (head + 1) % ND_SENDQ)
        if (answer_them)
            answer(queue[head].id, result, 1);
    head = 0;
    run.count = 0;
}
