/* The network server's stubs for the ndev protocol; see ndev_client.h. */
#include <stdio.h>
#include <string.h>
#include "ndev_client.h"

static void request(message *m, int call, uint32_t id, uint32_t session)
{
    memset(m, 0, sizeof(*m));
    m->m_type = call;
    NDEV_MSG(m, ndev_init)->id = id;
    NDEV_MSG(m, ndev_init)->session = session;
}

int ndc_init(struct ndev_peer *p, uint32_t id)
{
    message m;

    request(&m, NDEV_INIT, id, p->session + 1);
    int r = srv_async_send(p->ep, &m);
    if (r == 0)
        p->session++;
    return r;
}

int ndc_conf(const struct ndev_peer *p, uint32_t id, unsigned mode, grant_id_t mcast,
             unsigned count)
{
    message m;

    request(&m, NDEV_CONF, id, p->session);
    NDEV_MSG(&m, ndev_conf)->mode = mode;
    NDEV_MSG(&m, ndev_conf)->mcast = mcast;
    NDEV_MSG(&m, ndev_conf)->mcast_count = count;
    return srv_async_send(p->ep, &m);
}

int ndc_send(const struct ndev_peer *p, uint32_t id, const struct ndev_seg *seg, unsigned count,
             unsigned flags)
{
    message m;

    if (count == 0 || count > NDEV_SEGS_MAX)
        return -EINVAL;
    request(&m, NDEV_SEND, id, p->session);
    NDEV_MSG(&m, ndev_send)->count = count;
    NDEV_MSG(&m, ndev_send)->flags = flags;
    memcpy(NDEV_MSG(&m, ndev_send)->seg, seg, count * sizeof(*seg));
    return srv_async_send(p->ep, &m);
}

int ndc_recv(const struct ndev_peer *p, uint32_t id, grant_id_t grant, size_t len)
{
    return ndc_recvv(p, id, &grant, 1, len, 0);
}

int ndc_recvv(const struct ndev_peer *p, uint32_t id, const grant_id_t *grants, unsigned count,
              size_t len, unsigned flags)
{
    message m;

    if (count == 0 || count > 1 + NDEV_RECV_MORE)
        return -EINVAL;
    request(&m, NDEV_RECV, id, p->session);
    NDEV_MSG(&m, ndev_recv)->grant = grants[0];
    NDEV_MSG(&m, ndev_recv)->len = (uint32_t)len;
    NDEV_MSG(&m, ndev_recv)->flags = flags;
    NDEV_MSG(&m, ndev_recv)->more = count - 1;
    memcpy(NDEV_MSG(&m, ndev_recv)->more_grant, grants + 1, (count - 1) * sizeof(*grants));
    return srv_async_send(p->ep, &m);
}

int ndc_stats(const struct ndev_peer *p, uint32_t id, grant_id_t grant, size_t len)
{
    message m;

    request(&m, NDEV_STATS, id, p->session);
    NDEV_MSG(&m, ndev_stats_req)->grant = grant;
    NDEV_MSG(&m, ndev_stats_req)->len = (uint32_t)len;
    return srv_async_send(p->ep, &m);
}

int ndc_lookup(const char *label, endpoint_t *drv)
{
    char key[DS_KEY_MAX];
    uint64_t value;

    if (snprintf(key, sizeof(key), NDEV_DS_PREFIX "%s", label) >= (int)sizeof(key))
        return -E2BIG;
    int r = ds_lookup(key, &value);
    if (r == 0)
        *drv = (endpoint_t)value;
    return r;
}
