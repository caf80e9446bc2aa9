/*
 * nettest's side of the ndev protocol: it plays the network server. Every
 * message from the driver goes through handle(): answers to requests are
 * filed by id for wait_answer(); RECV answers put their frame on a queue
 * and hand the buffer straight back; SEND answers release the send's
 * grants and are counted; NDEV_STATUS updates the link.
 *
 * Request ids tell the kinds apart: receive buffers carry RX_ID (and the
 * buffer's index in the low byte), asynchronous sends SEND_ID, everything
 * else a plain counter.
 */
#include <stdlib.h>
#include "nettest.h"

#define RX_ID     0x40000000u
#define SEND_ID   0x20000000u
#define KIND_MASK 0xF0000000u
#define FRAMEQ    64
#define FIND_STEP 10

struct driver drv;
unsigned rx_failed, rx_bad_length;
unsigned ds_changes;
int rx_last_error;
void (*send_answered)(uint32_t id, int result);

static uint32_t id_counter;

struct filed {
    uint32_t id;
    bool have;
    message m;
};
static struct filed answers[ANSWER_TAB];

/* Receive buffers. */
static uint8_t rx_buf[RX_BUFS][FRAME_BUF];
static grant_id_t rx_grant[RX_BUFS];
static endpoint_t rx_grantee = NONE;
static uint32_t rx_id[RX_BUFS]; /* the id the buffer went out with */
static bool rx_held[RX_BUFS];   /* the driver has it */
static bool rx_want[RX_BUFS];   /* to be handed back when our table has room */
static uint32_t rx_seq;

/* Frames received, oldest first. */
static struct {
    uint16_t len;
    uint8_t data[NDEV_FRAME_MAX];
} frameq[FRAMEQ];
static unsigned fq_head, fq_count;

/* Asynchronous sends in flight, by id. */
struct send_slot {
    uint32_t id;
    bool busy;
    int result;
    size_t len;
    unsigned ngrants;
    grant_id_t grant[NDEV_SEGS_MAX];
};
static struct send_slot sends[ANSWER_TAB];
static unsigned sends_pending;

uint32_t next_id(void)
{
    id_counter = (id_counter + 1) & ~KIND_MASK;
    if (id_counter == 0)
        id_counter = 1;
    return id_counter;
}

uint64_t after_ms(unsigned ms)
{
    uint64_t now = 0;

    sys_time(&now, NULL, NULL);
    return now + (uint64_t)ms * 1000000ull;
}

/* ---- receive buffers ---- */

static int post(unsigned b)
{
    if (rx_grantee != drv.peer.ep) {
        for (unsigned i = 0; i < RX_BUFS; i++) {
            if (rx_grantee != NONE)
                grant_revoke(rx_grant[i]);
            rx_grant[i] = grant_direct(drv.peer.ep, rx_buf[i], FRAME_BUF, GRANT_WRITE);
        }
        rx_grantee = drv.peer.ep;
    }
    uint32_t id = RX_ID | ((rx_seq++ & 0xFFFFF) << 8) | b;
    int r = ndc_recv(&drv.peer, id, rx_grant[b], FRAME_BUF);
    if (r == 0) {
        rx_id[b] = id;
        rx_held[b] = true;
        rx_want[b] = false;
        drv.rx_posted++;
    }
    return r;
}

static void rx_repost(void)
{
    for (unsigned b = 0; b < RX_BUFS; b++)
        if (rx_want[b] && !rx_held[b] && post(b) == -EAGAIN)
            return;
}

int rx_post_buffers(unsigned n)
{
    for (unsigned b = 0; b < RX_BUFS && drv.rx_posted < n; b++) {
        if (rx_held[b])
            continue;
        int r = ISSUE(post(b));
        if (r < 0)
            return r;
    }
    return 0;
}

static void on_recv(const struct ndev_reply *a)
{
    unsigned b = a->id & 0xFF;

    if (b >= RX_BUFS || !rx_held[b] || rx_id[b] != a->id)
        return; /* an answer from a session that is over */
    rx_held[b] = false;
    drv.rx_posted--;
    if (a->result < 0) {
        rx_failed++;
        rx_last_error = a->result;
        return;
    }
    if (a->result < NDEV_HDR_LEN || a->result > NDEV_FRAME_MAX) {
        rx_bad_length++;
        rx_want[b] = true;
        return;
    }
    size_t len = (size_t)a->result;
    if (fq_count == FRAMEQ) {
        fq_head = (fq_head + 1) % FRAMEQ;
        fq_count--;
    }
    unsigned slot = (fq_head + fq_count++) % FRAMEQ;
    frameq[slot].len = (uint16_t)len;
    memcpy(frameq[slot].data, rx_buf[b], len);
    drv.frames_in++;
    drv.bytes_in += (uint64_t)a->result;
    rx_want[b] = true;
}

int rx_frame(uint8_t *buf, size_t size, unsigned timeout_ms)
{
    uint64_t deadline = after_ms(timeout_ms);

    while (fq_count == 0 && pump_until(deadline))
        ;
    if (fq_count == 0)
        return 0;
    size_t len = frameq[fq_head].len < size ? frameq[fq_head].len : size;
    memcpy(buf, frameq[fq_head].data, len);
    fq_head = (fq_head + 1) % FRAMEQ;
    fq_count--;
    return (int)len;
}

void rx_flush(void)
{
    fq_head = fq_count = 0;
}

/* ---- sends ---- */

static void release_send(struct send_slot *s)
{
    for (unsigned i = 0; i < s->ngrants; i++)
        grant_revoke(s->grant[i]);
    s->busy = false;
    sends_pending--;
}

static void on_send(const struct ndev_reply *a)
{
    struct send_slot *s = &sends[a->id % ANSWER_TAB];

    if (!s->busy || s->id != a->id)
        return;
    s->result = a->result;
    if (a->result >= 0 && (size_t)a->result == s->len) {
        drv.frames_out++;
        drv.bytes_out += s->len;
    }
    release_send(s);
    if (send_answered)
        send_answered(a->id, a->result);
}

int send_frame_async(const void *frame, size_t len, unsigned nseg, uint32_t *idp)
{
    struct ndev_seg seg[NDEV_SEGS_MAX];
    uint32_t id = SEND_ID | next_id();
    struct send_slot *s = &sends[id % ANSWER_TAB];
    uint64_t deadline = after_ms(5000);

    if (nseg == 0 || nseg > NDEV_SEGS_MAX)
        return -EINVAL;
    while (s->busy && pump_until(deadline))
        ;
    if (s->busy)
        return -ETIMEDOUT;
    size_t piece = len / nseg, off = 0;
    for (unsigned i = 0; i < nseg; i++) {
        size_t n = i + 1 == nseg ? len - off : piece;
        seg[i].grant = grant_direct(drv.peer.ep, (const uint8_t *)frame + off, n, GRANT_READ);
        seg[i].len = (uint32_t)n;
        off += n;
    }
    *s = (struct send_slot){ .id = id, .busy = true, .len = len, .ngrants = nseg };
    for (unsigned i = 0; i < nseg; i++)
        s->grant[i] = seg[i].grant;
    sends_pending++;
    int r = ISSUE(ndc_send(&drv.peer, id, seg, nseg, 0));
    if (r < 0) {
        release_send(s);
        return r;
    }
    if (idp)
        *idp = id;
    return 0;
}

int send_frame(const void *frame, size_t len, unsigned nseg)
{
    uint32_t id;
    int r = send_frame_async(frame, len, nseg, &id);
    struct send_slot *s = &sends[id % ANSWER_TAB];
    uint64_t deadline = after_ms(3000);

    if (r < 0)
        return r;
    while (s->busy && s->id == id && pump_until(deadline))
        ;
    return s->busy && s->id == id ? -ETIMEDOUT : s->result;
}

unsigned sends_in_flight(void)
{
    return sends_pending;
}

int send_drain(unsigned timeout_ms)
{
    uint64_t deadline = after_ms(timeout_ms);

    while (sends_pending > 0 && pump_until(deadline))
        ;
    return sends_pending ? -ETIMEDOUT : 0;
}

/* ---- the message pump ---- */

/* A request (a call number) that is no answer of the driver's: someone
 * takes us for the server whose boot slot we hold (stdio asks vfs about
 * its descriptors). Refuse it, so nobody hangs on us. Replies (m_type <= 0)
 * are never answered: that could start an endless exchange. */
static bool stray_request(const message *m)
{
    bool answer =
        m->m_source == drv.peer.ep && m->m_type >= NDEV_INIT_REPLY && m->m_type <= NDEV_STATUS;

    return !answer && m->m_type > 0 && m->m_source >= 0;
}

static void handle(const message *m)
{
    const struct ndev_reply *a = NDEV_MSG(m, ndev_reply);

    if (is_notify(m)) {
        ds_changes += m->m_source == DS_EP;
        return;
    }
    if (stray_request(m)) {
        message refusal = *m;
        srv_reply(m->m_source, &refusal, -ENOSYS);
        return;
    }
    if (m->m_source != drv.peer.ep)
        return;
    switch (m->m_type) {
    case 0:
        drv.pongs++; /* the answer to a heartbeat */
        return;
    case NDEV_RECV_REPLY:
        if ((a->id & KIND_MASK) == RX_ID) {
            on_recv(a);
            return;
        }
        break;
    case NDEV_SEND_REPLY:
        if ((a->id & KIND_MASK) == SEND_ID) {
            on_send(a);
            return;
        }
        break;
    case NDEV_STATUS:
        drv.link = NDEV_MSG(m, ndev_status)->link;
        drv.mbps = NDEV_MSG(m, ndev_status)->link_mbps;
        drv.statuses++;
        return;
    }
    if (m->m_type < NDEV_INIT_REPLY || m->m_type > NDEV_STATUS)
        return; /* a plain reply nobody waits for (a refused unknown call) */
    struct filed *f = &answers[a->id % ANSWER_TAB];
    f->id = a->id;
    f->have = true;
    f->m = *m;
}

bool pump_until(uint64_t deadline)
{
    message m;

    rx_repost();
    if (after_ms(0) >= deadline)
        return false;
    if (sys_setalarm(deadline, 0, NULL) < 0 || ipc_receive(ANY, &m) < 0)
        return true;
    handle(&m);
    return true;
}

void sleep_ms(unsigned ms)
{
    uint64_t deadline = after_ms(ms);

    while (pump_until(deadline))
        ;
}

bool wait_answer(uint32_t id, message *m, unsigned timeout_ms)
{
    uint64_t deadline = after_ms(timeout_ms);
    struct filed *f = &answers[id % ANSWER_TAB];

    for (;;) {
        if (f->have && f->id == id) {
            f->have = false;
            *m = f->m;
            return true;
        }
        if (!pump_until(deadline))
            return false;
    }
}

int driver_find(const char *label, unsigned timeout_ms)
{
    for (unsigned waited = 0; waited <= timeout_ms; waited += FIND_STEP) {
        if (ndc_lookup(label, &drv.peer.ep) == 0) {
            snprintf(drv.label, sizeof(drv.label), "%s", label);
            return 0;
        }
        sleep_ms(FIND_STEP);
    }
    return -ENOENT;
}

/* ---- requests answered at once ---- */

/* A new session drops whatever the driver held for the old one. */
static void forget_pending(void)
{
    for (unsigned b = 0; b < RX_BUFS; b++)
        rx_held[b] = rx_want[b] = false;
    drv.rx_posted = 0;
    for (unsigned i = 0; i < ANSWER_TAB; i++)
        if (sends[i].busy)
            release_send(&sends[i]);
    rx_flush();
}

/* Nothing may be sent between the INIT and its answer (ndev.h), so the
 * old session's buffers are forgotten first: none is handed back meanwhile. */
int session_init(message *answer)
{
    uint32_t id = next_id();

    forget_pending();
    drv.ready = false;
    int r = ISSUE(ndc_init(&drv.peer, id));
    if (r < 0)
        return r;
    if (!wait_answer(id, answer, 3000))
        return -ETIMEDOUT;
    const struct ndev_init_reply *a = NDEV_MSG(answer, ndev_init_reply);
    if (a->result == 0) {
        memcpy(drv.mac, a->hwaddr, NDEV_HWADDR_LEN);
        drv.link = a->link;
        drv.mbps = a->link_mbps;
        drv.max_sends = a->max_sends;
        drv.max_recvs = a->max_recvs;
    }
    return a->result;
}

int session_conf(unsigned mode, grant_id_t mcast, unsigned count)
{
    uint32_t id = next_id();
    message m;
    int r = ISSUE(ndc_conf(&drv.peer, id, mode, mcast, count));

    if (r < 0)
        return r;
    return wait_answer(id, &m, 3000) ? NDEV_MSG(&m, ndev_reply)->result : -ETIMEDOUT;
}

int session_stats(struct ndev_stats *st, size_t len)
{
    uint32_t id = next_id();
    message m;
    grant_id_t g = grant_direct(drv.peer.ep, st, sizeof(*st), GRANT_WRITE);
    int r = ISSUE(ndc_stats(&drv.peer, id, g, len));

    if (r == 0)
        r = wait_answer(id, &m, 3000) ? NDEV_MSG(&m, ndev_reply)->result : -ETIMEDOUT;
    grant_revoke(g);
    return r;
}

/* A session ready for traffic: initialised, unicast and broadcast
 * admitted, our buffers with the driver. */
int ensure_session(void)
{
    message m;
    int r;

    if (drv.ready)
        return 0;
    if ((r = session_init(&m)) < 0 ||
        (r = session_conf(NDEV_MODE_UNICAST | NDEV_MODE_BCAST, GRANT_INVALID, 0)) < 0 ||
        (r = rx_post_buffers(RX_BUFS)) < 0)
        return r;
    drv.ready = true;
    return 0;
}
