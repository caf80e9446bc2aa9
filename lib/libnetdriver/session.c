/*
 * The session with the network server: who it is, what it wants to
 * receive, what it has heard about the link, and the counters.
 *
 * NDEV_INIT starts a session with its sender. Requests pending from an
 * earlier session are dropped without answers: their grants belong to a
 * server that is gone or has started over, and an answer would only
 * confuse it. The reception mode falls back to NDEV_MODE_DOWN until the
 * server configures it again, so a restarted driver and a restarted server
 * meet in the same state whichever came back first.
 */
#include <stdio.h>
#include <string.h>
#include "nd.h"

struct nd_session nd_session;
struct ndev_stats nd_stats;
uint8_t nd_hwaddr[NDEV_HWADDR_LEN];

static const uint8_t broadcast[NDEV_HWADDR_LEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

bool nd_is_server(endpoint_t ep)
{
    return nd_session.server != NONE && ep == nd_session.server;
}

int nd_do_init(message *m)
{
    uint32_t id = NDEV_MSG(m, ndev_init)->id;

    nd_send_reset(false, 0);
    nd_recv_reset(false, 0);
    nd_outbox_reset();
    nd_session.server = m->m_source;
    nd_session.number = NDEV_MSG(m, ndev_init)->session;
    nd_session.mode = NDEV_MODE_DOWN;
    nd_session.mcast_count = 0;
    nd_ops->set_mode(NDEV_MODE_DOWN, NULL, 0);

    memset(m, 0, sizeof(*m));
    m->m_type = NDEV_INIT_REPLY;
    struct ndev_init_reply *r = NDEV_MSG(m, ndev_init_reply);
    r->id = id;
    r->result = 0;
    memcpy(r->hwaddr, nd_hwaddr, NDEV_HWADDR_LEN);
    r->max_frame = NDEV_FRAME_MAX;
    r->link = nd_session.link;
    r->link_mbps = nd_session.mbps;
    r->max_sends = ND_SENDQ;
    r->max_recvs = ND_RECVQ;
    memcpy(r->name, nd_label, sizeof(r->name) - 1); /* nd_label is NUL-terminated */
    nd_session.told_link = nd_session.link;
    nd_session.told_mbps = nd_session.mbps;
    nd_answer(m);
    return EDONTREPLY;
}

/* A request of a session that is over (or of one whose INIT it overtook). */
void nd_stale(const message *m)
{
    if (nd_session.stale++ == 0)
        printf("%s: dropping requests of session %u (the current one is %u)\n", nd_label,
               NDEV_MSG(m, ndev_init)->session, nd_session.number);
}

int nd_do_conf(message *m)
{
    struct ndev_conf *c = NDEV_MSG(m, ndev_conf);
    uint8_t list[NDEV_MCAST_MAX][NDEV_HWADDR_LEN];
    unsigned count = 0;

    if (c->mode & ~(uint32_t)NDEV_MODE_ALL)
        return -EINVAL;
    if (c->mode & NDEV_MODE_MCAST_LIST) {
        if (c->mcast_count > NDEV_MCAST_MAX)
            return -EINVAL;
        count = c->mcast_count;
        if (count && sys_safecopyfrom(m->m_source, c->mcast, 0, list, count * NDEV_HWADDR_LEN) < 0)
            return -EFAULT;
        for (unsigned i = 0; i < count; i++)
            if (!(list[i][0] & 1))
                return -EINVAL; /* not a group address */
    }
    /* committed */
    nd_session.mode = c->mode;
    nd_session.mcast_count = count;
    memcpy(nd_session.mcast, list, count * NDEV_HWADDR_LEN);
    nd_ops->set_mode(nd_session.mode, (const uint8_t(*)[NDEV_HWADDR_LEN])nd_session.mcast, count);
    return 0;
}

int nd_do_stats(message *m)
{
    struct ndev_stats_req *q = NDEV_MSG(m, ndev_stats_req);
    size_t len = q->len < sizeof(nd_stats) ? q->len : sizeof(nd_stats);

    if (len && sys_safecopyto(m->m_source, q->grant, 0, &nd_stats, len) < 0)
        return -EFAULT;
    return (int)len;
}

struct ndev_stats *netdriver_stats(void)
{
    return &nd_stats;
}

/* Does the session's mode admit a frame with this destination? */
bool nd_accepts(const uint8_t *frame)
{
    unsigned mode = nd_session.mode;

    if (mode & NDEV_MODE_PROMISC)
        return true;
    if (!(frame[0] & 1))
        return (mode & NDEV_MODE_UNICAST) && memcmp(frame, nd_hwaddr, NDEV_HWADDR_LEN) == 0;
    if (memcmp(frame, broadcast, NDEV_HWADDR_LEN) == 0)
        return mode & NDEV_MODE_BCAST;
    if (mode & NDEV_MODE_MCAST_ALL)
        return true;
    if (!(mode & NDEV_MODE_MCAST_LIST))
        return false;
    for (unsigned i = 0; i < nd_session.mcast_count; i++)
        if (memcmp(frame, nd_session.mcast[i], NDEV_HWADDR_LEN) == 0)
            return true;
    return false;
}

void netdriver_link(uint32_t link, uint32_t mbps)
{
    nd_session.link = link;
    nd_session.mbps = mbps;
    nd_tell_link();
}

/* Tell the server about a link change it has not heard of yet. */
void nd_tell_link(void)
{
    message m;

    if (nd_session.server == NONE ||
        (nd_session.link == nd_session.told_link && nd_session.mbps == nd_session.told_mbps))
        return;
    memset(&m, 0, sizeof(m));
    m.m_type = NDEV_STATUS;
    NDEV_MSG(&m, ndev_status)->link = nd_session.link;
    NDEV_MSG(&m, ndev_status)->link_mbps = nd_session.mbps;
    nd_session.told_link = nd_session.link;
    nd_session.told_mbps = nd_session.mbps;
    nd_answer(&m);
}
