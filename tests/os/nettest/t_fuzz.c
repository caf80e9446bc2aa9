/*
 * Cases: thousands of random requests, then proof that the driver still
 * works. Each request's fields are random with a bias towards the edges;
 * where the protocol fixes the answer (a malformed SEND is EINVAL, a CONF
 * with a list beyond the limit is EINVAL, ...) the answer is checked.
 * Where chance decides (a random grant id could name one of our real
 * grants) any answer the protocol allows is accepted. RECV buffers that
 * pass the checks stay with the driver, unanswered until frames come, and
 * are dropped by the INIT that ends the case.
 */
#include <errno.h>
#include "nettest.h"

#define FUZZ_REQUESTS 3000
#define FUZZ_BATCH    100

struct expect {
    uint32_t id;
    int type;        /* the answer's */
    int want;        /* the one answer due; or */
    int also;        /* another one chance allows (or 1: none) */
    bool any_length; /* a frame length is allowed too (a SEND through a real grant) */
};

static struct expect batch[FUZZ_BATCH];
static unsigned nbatch, checked;

static uint32_t fuzz_len(void)
{
    switch (rnd_below(3)) {
    case 0:
        return (uint32_t)rnd_below(100);
    case 1:
        return (uint32_t)rnd_below(2000);
    default:
        return (uint32_t)rnd();
    }
}

static grant_id_t fuzz_grant(void)
{
    switch (rnd_below(4)) {
    case 0:
        return GRANT_INVALID;
    case 1:
        return GRANT_ID(rnd_below(1024), rnd_below(4));
    default:
        return (grant_id_t)rnd();
    }
}

static void fuzz_send(message *m, struct expect *e)
{
    struct ndev_send *s = NDEV_MSG(m, ndev_send);
    uint64_t total = 0;

    s->count = rnd_below(4) == 0 ? (uint32_t)rnd() : (uint32_t)rnd_below(NDEV_SEGS_MAX + 2);
    for (int i = 0; i < NDEV_SEGS_MAX; i++) {
        s->seg[i].grant = fuzz_grant();
        s->seg[i].len = rnd_below(2) ? fuzz_len() : (uint32_t)rnd_below(400);
        if ((uint32_t)i < s->count)
            total += s->seg[i].len;
    }
    s->flags &= ~(NDEV_SEND_JOIN | NDEV_SEND_FRAMES); /* one frame, one answer, as checked */
    bool shaped = s->count >= 1 && s->count <= NDEV_SEGS_MAX && total >= NDEV_FRAME_MIN &&
                  total <= NDEV_FRAME_MAX;
    e->type = NDEV_SEND_REPLY;
    e->want = shaped ? -EFAULT : -EINVAL;
    e->also = shaped ? -EAGAIN : 1;
    e->any_length = shaped;
}

static void fuzz_conf(message *m, struct expect *e)
{
    struct ndev_conf *c = NDEV_MSG(m, ndev_conf);

    c->mode = rnd_below(4) == 0 ? (uint32_t)rnd() : (uint32_t)rnd_below(0x40);
    c->mcast_count = rnd_below(4) == 0 ? (uint32_t)rnd() : (uint32_t)rnd_below(20);
    c->mcast = fuzz_grant();
    bool list = c->mode & NDEV_MODE_MCAST_LIST;
    e->type = NDEV_CONF_REPLY;
    e->also = 1;
    if ((c->mode & ~(uint32_t)NDEV_MODE_ALL) || (list && c->mcast_count > NDEV_MCAST_MAX))
        e->want = -EINVAL;
    else if (list && c->mcast_count > 0)
        e->want = -EFAULT, e->also = -EINVAL; /* a real grant: not group addresses */
    else
        e->want = 0;
}

static void fuzz_stats(message *m, struct expect *e)
{
    struct ndev_stats_req *q = NDEV_MSG(m, ndev_stats_req);

    q->grant = fuzz_grant();
    q->len = fuzz_len();
    e->type = NDEV_STATS_REPLY;
    e->want = q->len == 0 ? 0 : -EFAULT;
    e->also = 1;
    e->any_length = q->len != 0;
}

/* A RECV: checked when it is too short; a good one may stay unanswered. */
static bool fuzz_recv(message *m, struct expect *e)
{
    struct ndev_recv *q = NDEV_MSG(m, ndev_recv);

    q->grant = fuzz_grant();
    q->len = fuzz_len();
    q->more = 0; /* one buffer, one id: the answer is expected under it */
    e->type = NDEV_RECV_REPLY;
    e->want = -EINVAL;
    e->also = 1;
    return q->len < NDEV_FRAME_MAX;
}

/* One random request; true when its answer is to be checked. */
static bool fuzz_one(message *m, struct expect *e)
{
    uint32_t id = next_id();

    memset(e, 0, sizeof(*e));
    rnd_fill(m->raw, sizeof(m->raw));
    e->id = id;
    switch (rnd_below(10)) {
    case 0:
    case 1:
    case 2:
        m->m_type = NDEV_SEND;
        fuzz_send(m, e);
        break;
    case 3:
    case 4:
        m->m_type = NDEV_CONF;
        fuzz_conf(m, e);
        break;
    case 5:
    case 6:
        m->m_type = NDEV_STATS;
        fuzz_stats(m, e);
        break;
    case 7:
    case 8:
        m->m_type = NDEV_RECV;
        if (!fuzz_recv(m, e)) {
            NDEV_MSG(m, ndev_init)->id = id;
            NDEV_MSG(m, ndev_init)->session = drv.peer.session;
            return false;
        }
        break;
    default:
        m->m_type = NDEV_STATS + 1 + (int)rnd_below(0x50);
        return false; /* answered ENOSYS by a plain reply we do not wait for */
    }
    NDEV_MSG(m, ndev_init)->id = id;
    if (rnd_below(20) == 0) {
        NDEV_MSG(m, ndev_init)->session = (uint32_t)rnd();
        return NDEV_MSG(m, ndev_init)->session == drv.peer.session; /* else dropped unanswered */
    }
    NDEV_MSG(m, ndev_init)->session = drv.peer.session;
    return true;
}

static int check_batch(void)
{
    message a;

    for (unsigned i = 0; i < nbatch; i++) {
        struct expect *e = &batch[i];
        CHECK(wait_answer(e->id, &a, 5000), "request %u: no answer", checked);
        int r = NDEV_MSG(&a, ndev_reply)->result;
        EXPECT(a.m_type, e->type);
        CHECK(r == e->want || r == e->also || (e->any_length && r > 0),
              "request %u (type %#x): answered %d, expected %d", checked, a.m_type, r, e->want);
        checked++;
    }
    nbatch = 0;
    return 0;
}

int fuzz_requests(void)
{
    message m;
    endpoint_t ep;

    EXPECT(ensure_session(), 0);
    checked = nbatch = 0;
    for (int i = 0; i < FUZZ_REQUESTS; i++) {
        bool due = fuzz_one(&m, &batch[nbatch]);
        CHECK(ISSUE(srv_async_send(drv.peer.ep, &m)) == 0, "cannot send request %d", i);
        if (due)
            nbatch++;
        if (nbatch == FUZZ_BATCH && check_batch() < 0)
            return -1;
    }
    if (check_batch() < 0)
        return -1;
    EXPECT(ndc_lookup(drv.label, &ep), 0);
    EXPECT(ep, drv.peer.ep);     /* still the same instance */
    EXPECT(session_init(&m), 0); /* drops the random buffers */
    printf("nettest: %d random requests, %u answers checked\n", FUZZ_REQUESTS, checked);
    return 0;
}

int alive_after_abuse(void)
{
    struct ndev_stats st;
    uint8_t gw[NDEV_HWADDR_LEN];
    endpoint_t ep;
    message m;

    EXPECT(ndc_lookup(drv.label, &ep), 0);
    EXPECT(ep, drv.peer.ep); /* the same instance: it never restarted */
    EXPECT(session_init(&m), 0);
    drv.ready = false;
    EXPECT(ensure_session(), 0);
    EXPECT(arp_exchange(gw), 0);
    EXPECT(session_stats(&st, sizeof(st)), sizeof(st));
    CHECK(st.out_packets >= drv.frames_out, "counters went back");
    return 0;
}
