/*
 * Cases: the driver under abuse. Garbage frames to send, requests of
 * every wrong shape, requests from a stranger, unknown calls, and random
 * requests by the thousand. The driver must answer each with the error
 * due, keep working, and never die.
 */
#include <errno.h>
#include "nettest.h"

#define GARBAGE_FRAMES 1000
#define POOL_SIZE      8192

static uint8_t pool[POOL_SIZE]; /* random bytes the garbage frames are cut from */
static uint32_t expected_len[ANSWER_TAB];
static unsigned garbage_good, garbage_bad;

static void garbage_answered(uint32_t id, int result)
{
    if (result == (int)expected_len[id % ANSWER_TAB])
        garbage_good++;
    else
        garbage_bad++;
}

int send_thousand_garbage_frames(void)
{
    struct ndev_stats before, after;

    EXPECT(ensure_session(), 0);
    EXPECT(session_stats(&before, sizeof(before)), sizeof(before));
    rnd_fill(pool, sizeof(pool));
    garbage_good = garbage_bad = 0;
    send_answered = garbage_answered;
    for (int i = 0; i < GARBAGE_FRAMES; i++) {
        size_t len = NDEV_FRAME_MIN + rnd_below(NDEV_FRAME_MAX - NDEV_FRAME_MIN + 1);
        size_t off = rnd_below(POOL_SIZE - len);
        uint32_t id;
        uint64_t deadline = after_ms(3000);
        while (sends_in_flight() >= drv.max_sends && pump_until(deadline))
            ;
        int r = send_frame_async(pool + off, len, 1 + (unsigned)rnd_below(NDEV_SEGS_MAX), &id);
        CHECK(r == 0, "frame %d: error %d", i, r);
        expected_len[id % ANSWER_TAB] = (uint32_t)len;
    }
    int r = send_drain(10000);
    send_answered = NULL;
    EXPECT(r, 0);
    EXPECT(garbage_bad, 0);
    EXPECT(garbage_good, GARBAGE_FRAMES);
    EXPECT(session_stats(&after, sizeof(after)), sizeof(after));
    EXPECT(after.out_packets - before.out_packets, GARBAGE_FRAMES);
    EXPECT(after.out_errors, before.out_errors);
    printf("nettest: %d garbage frames sent\n", GARBAGE_FRAMES);
    return 0;
}

/* A SEND built by hand: count segments (the message has room for
 * NDEV_SEGS_MAX), answered with this result. */
static int raw_send(uint32_t count, const struct ndev_seg *seg)
{
    message m, a;
    uint32_t id = next_id();

    memset(&m, 0, sizeof(m));
    m.m_type = NDEV_SEND;
    NDEV_MSG(&m, ndev_send)->id = id;
    NDEV_MSG(&m, ndev_send)->session = drv.peer.session;
    NDEV_MSG(&m, ndev_send)->count = count;
    memcpy(NDEV_MSG(&m, ndev_send)->seg, seg, sizeof(struct ndev_seg) * NDEV_SEGS_MAX);
    if (ISSUE(srv_async_send(drv.peer.ep, &m)) < 0)
        return -EIO;
    if (!wait_answer(id, &a, 3000))
        return -ETIMEDOUT;
    return a.m_type == NDEV_SEND_REPLY ? NDEV_MSG(&a, ndev_reply)->result : -EPROTO;
}

int malformed_sends_refused(void)
{
    static uint8_t frame[2 * NDEV_FRAME_MAX];
    struct ndev_stats before, after;
    struct ndev_seg s[NDEV_SEGS_MAX];
    int refused = 0;

    EXPECT(ensure_session(), 0);
    EXPECT(session_stats(&before, sizeof(before)), sizeof(before));
    rnd_fill(frame, sizeof(frame));
    memset(frame, 0xff, 6); /* broadcast, so nobody minds */
    grant_id_t g = grant_direct(drv.peer.ep, frame, sizeof(frame), GRANT_READ);
    grant_id_t small = grant_direct(drv.peer.ep, frame, 20, GRANT_READ);
    grant_id_t wronly = grant_direct(drv.peer.ep, frame, sizeof(frame), GRANT_WRITE);
    grant_id_t gone = grant_direct(drv.peer.ep, frame, sizeof(frame), GRANT_READ);
    grant_revoke(gone);
    for (int i = 0; i < NDEV_SEGS_MAX; i++)
        s[i] = (struct ndev_seg){ g, 60 };

#define REFUSED(count, want)                                                                       \
    do {                                                                                           \
        EXPECT(raw_send(count, s), want);                                                          \
        refused++;                                                                                 \
    } while (0)
    REFUSED(0, -EINVAL);
    REFUSED(NDEV_SEGS_MAX + 1, -EINVAL);
    REFUSED(0xFFFFFFFFu, -EINVAL);
    s[0].len = NDEV_FRAME_MIN - 1;
    REFUSED(1, -EINVAL);
    s[0].len = NDEV_FRAME_MAX + 1;
    REFUSED(1, -EINVAL);
    s[0].len = 0x80000000u, s[1].len = 0x80000000u; /* wraps to 0 in 32 bits */
    REFUSED(2, -EINVAL);
    s[0].len = 0xFFFFFFFFu, s[1].len = 15;
    REFUSED(2, -EINVAL);
    s[0].len = 1000, s[1].len = 515;
    REFUSED(2, -EINVAL);
    s[0] = (struct ndev_seg){ (grant_id_t)0x5EAD0042, 60 };
    REFUSED(1, -EFAULT);
    s[0] = (struct ndev_seg){ small, 60 };
    REFUSED(1, -EFAULT);
    s[0] = (struct ndev_seg){ wronly, 60 };
    REFUSED(1, -EFAULT);
    s[0] = (struct ndev_seg){ gone, 60 };
    REFUSED(1, -EFAULT);
    s[0] = (struct ndev_seg){ g, 30 }, s[1] = (struct ndev_seg){ gone, 30 };
    REFUSED(2, -EFAULT);
#undef REFUSED

    /* and what is right still works, edges included */
    s[0] = (struct ndev_seg){ g, NDEV_FRAME_MIN };
    EXPECT(raw_send(1, s), NDEV_FRAME_MIN);
    s[0] = (struct ndev_seg){ g, NDEV_FRAME_MAX };
    EXPECT(raw_send(1, s), NDEV_FRAME_MAX);
    s[0] = (struct ndev_seg){ g, 0 }, s[1] = (struct ndev_seg){ g, 0 };
    s[2] = (struct ndev_seg){ g, 60 };
    EXPECT(raw_send(3, s), 60); /* empty segments are fine */
    for (int i = 0; i < NDEV_SEGS_MAX; i++)
        s[i] = (struct ndev_seg){ g, 300 };
    EXPECT(raw_send(NDEV_SEGS_MAX, s), 5 * 300);
    grant_revoke(g);
    grant_revoke(small);
    grant_revoke(wronly);

    EXPECT(session_stats(&after, sizeof(after)), sizeof(after));
    EXPECT(after.out_errors - before.out_errors, refused);
    EXPECT(after.out_packets - before.out_packets, 4);
    return 0;
}

static int recv_answer(grant_id_t g, uint32_t len)
{
    message a;
    uint32_t id = next_id();

    if (ISSUE(ndc_recv(&drv.peer, id, g, len)) < 0)
        return -EIO;
    if (!wait_answer(id, &a, 3000))
        return -ETIMEDOUT;
    return NDEV_MSG(&a, ndev_reply)->result;
}

int malformed_recvs_and_stats_refused(void)
{
    static uint8_t buf[FRAME_BUF];
    struct ndev_stats st;
    message m;

    EXPECT(ensure_session(), 0);
    grant_id_t g = grant_direct(drv.peer.ep, buf, sizeof(buf), GRANT_WRITE);
    EXPECT(recv_answer(g, 0), -EINVAL);
    EXPECT(recv_answer(g, 100), -EINVAL);
    EXPECT(recv_answer(g, NDEV_FRAME_MAX - 1), -EINVAL);
    grant_revoke(g);
    EXPECT(session_stats(&st, sizeof(st)), sizeof(st)); /* still answering */

    uint32_t id = next_id();
    EXPECT(ISSUE(ndc_stats(&drv.peer, id, (grant_id_t)0x12345678, 8)), 0);
    CHECK(wait_answer(id, &m, 3000), "no answer");
    EXPECT(NDEV_MSG(&m, ndev_reply)->result, -EFAULT);
    uint8_t tiny[4];
    g = grant_direct(drv.peer.ep, tiny, sizeof(tiny), GRANT_WRITE);
    id = next_id();
    EXPECT(ISSUE(ndc_stats(&drv.peer, id, g, sizeof(st))), 0);
    CHECK(wait_answer(id, &m, 3000), "no answer");
    EXPECT(NDEV_MSG(&m, ndev_reply)->result, -EFAULT); /* the grant is too small */
    grant_revoke(g);
    return 0;
}

/* ---- a stranger: another thread of ours, so another endpoint ---- */

#define STRANGER_CALLS 4

static char stranger_stack[16384] __attribute__((aligned(16)));
static volatile int stranger_result[STRANGER_CALLS];
static volatile bool stranger_done;

static void *stranger(void *arg)
{
    static const int calls[STRANGER_CALLS] = { NDEV_SEND, NDEV_RECV, NDEV_CONF, NDEV_STATS };
    endpoint_t ep = *(endpoint_t *)arg;
    message m;

    for (int i = 0; i < STRANGER_CALLS; i++) {
        memset(&m, 0, sizeof(m));
        m.m_type = calls[i];
        NDEV_MSG(&m, ndev_send)->id = 1000 + (uint32_t)i;
        NDEV_MSG(&m, ndev_send)->count = 1;
        NDEV_MSG(&m, ndev_send)->seg[0].len = NDEV_FRAME_MAX;
        int r = ipc_call(ep, &m);
        bool shaped = m.m_type == calls[i] - NDEV_INIT + NDEV_INIT_REPLY &&
                      NDEV_MSG(&m, ndev_reply)->id == 1000 + (uint32_t)i;
        stranger_result[i] = r < 0 ? r : shaped ? NDEV_MSG(&m, ndev_reply)->result : -EPROTO;
    }
    stranger_done = true;
    return NULL;
}

int stranger_is_refused(void)
{
    static endpoint_t target;
    endpoint_t child;

    EXPECT(ensure_session(), 0);
    target = drv.peer.ep;
    stranger_done = false;
    EXPECT(sys_fork_thread(stranger, &target, stranger_stack + sizeof(stranger_stack), "stranger",
                           &child),
           0);
    uint64_t deadline = after_ms(5000);
    while (!stranger_done && pump_until(deadline))
        ;
    CHECK(stranger_done, "the stranger got no answers");
    for (int i = 0; i < STRANGER_CALLS; i++)
        EXPECT(stranger_result[i], -EPERM);
    struct ndev_stats st;
    EXPECT(session_stats(&st, sizeof(st)), sizeof(st)); /* we are still the server */
    return 0;
}

/* ---- calls the protocol does not have ---- */

/* A call by hand, with a random payload: the reply's type (its result).
 * A caller takes nothing but its reply, so our answers wait meanwhile. */
static int call_driver(int type)
{
    message m;

    memset(&m, 0, sizeof(m));
    rnd_fill(m.raw, sizeof(m.raw));
    m.m_type = type;
    int r = ipc_call(drv.peer.ep, &m);
    return r < 0 ? r : m.m_type;
}

/* Calls the protocol does not have are refused with ENOSYS; messages
 * whose type is no call number (replies) are not answered at all. */
int unknown_calls_refused(void)
{
    static const int unknown[] = {
        NDEV_BASE, NDEV_STATS + 1, NDEV_BASE + 0x3F, NDEV_INIT_REPLY, NDEV_STATUS, NDEV_STATUS + 1,
        1,         0x7FFFFFFF,     PCI_FIND,         DS_PUBLISH
    };
    static const int replies[] = { 0, -1, -ENOSYS, (int)0x80000000u };
    struct ndev_stats st;
    message m;

    EXPECT(ensure_session(), 0);
    sleep_ms(50);
    for (unsigned i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
        int r = call_driver(unknown[i]);
        CHECK(r == -ENOSYS, "call %#x: answered %d", unknown[i], r);
    }
    for (unsigned i = 0; i < sizeof(replies) / sizeof(replies[0]); i++) {
        memset(&m, 0, sizeof(m));
        m.m_type = replies[i];
        EXPECT(ISSUE(srv_async_send(drv.peer.ep, &m)), 0);
    }
    EXPECT(session_stats(&st, sizeof(st)), sizeof(st)); /* still answering */
    unsigned pongs = drv.pongs;                         /* heartbeats too, as rs sends them */
    memset(&m, 0, sizeof(m));
    m.m_type = SRV_PING;
    EXPECT(ISSUE(srv_async_send(drv.peer.ep, &m)), 0);
    uint64_t deadline = after_ms(3000);
    while (drv.pongs == pongs && pump_until(deadline))
        ;
    CHECK(drv.pongs > pongs, "no answer to a heartbeat");
    return 0;
}
