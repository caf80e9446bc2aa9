/*
 * Interfaces over NIC drivers, through the ndev protocol
 * (<ember/proto/ndev.h>, docs/netdrivers.md) and libnetdriver's client
 * stubs.
 *
 * Drivers publish themselves in ds as drv.net.<label>; we subscribe to the
 * prefix, so every driver already up, and every later instance of one,
 * shows up here. A new endpoint under a known label is the same NIC after
 * a restart: everything pending at the dead instance is forgotten (its
 * grants named it) and the session is replayed: INIT, then on its answer
 * CONF, fresh receive buffers, and the frames that were queued or had been
 * handed to the dead instance. lwIP's netif, its addresses and its TCP
 * connections are untouched, so connections survive the restart.
 *
 * Frames out: lwIP calls ether_linkoutput() on whichever thread holds the
 * core lock; the frame takes a free transmit slot and is queued, and the
 * main thread sends the queue (ether_flush) as the driver's limits allow.
 * A frame in one pbuf that carries its own data (every TCP segment) is
 * lent: the slot holds a reference and the driver gets a grant for lwIP's
 * bytes, both dropped when the driver answers; others are copied into the
 * slot's buffer. Frames in: each answered receive buffer becomes a pbuf that
 * ethernet_input() takes, on the main thread under the core lock; the
 * buffer goes straight back to the driver.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ether.h"
#include "plat.h"

#define NR_ETHERS NR_IFACES

/* Request ids: what, which ether, which slot. */
#define ID_INIT                1u
#define ID_CONF                2u
#define ID_SEND                3u
#define ID_RECV                4u
#define ID_MAKE(kind, e, slot) ((kind) << 28 | (uint32_t)(e) << 20 | (uint32_t)(slot))
#define ID_KIND(id)            ((id) >> 28)
#define ID_ETHER(id)           (((id) >> 20) & 0xff)
#define ID_SLOT(id)            ((id)&0xfffff)

static struct ether ethers[NR_ETHERS];
static uint32_t init_serial;

static int ether_index(const struct ether *e)
{
    return (int)(e - ethers);
}

static struct ether *ether_by_label(const char *label)
{
    for (int i = 0; i < NR_ETHERS; i++)
        if (ethers[i].used && strcmp(ethers[i].label, label) == 0)
            return &ethers[i];
    return NULL;
}

static struct ether *ether_new(const char *label)
{
    for (int i = 0; i < NR_ETHERS; i++) {
        struct ether *e = &ethers[i];
        if (e->used)
            continue;
        memset(e, 0, sizeof(*e));
        uint8_t *mem = malloc((ETH_TX_SLOTS + ETH_RX_SLOTS) * ETH_BUF);
        if (!mem)
            return NULL;
        e->used = true;
        snprintf(e->label, sizeof(e->label), "%s", label);
        e->peer.ep = NONE;
        for (int s = 0; s < ETH_TX_SLOTS; s++)
            e->tx[s] = (struct txslot){ .buf = mem + s * ETH_BUF,
                                        .grant = GRANT_INVALID,
                                        .lent = GRANT_INVALID,
                                        .state = TX_FREE };
        for (int s = 0; s < ETH_RX_SLOTS; s++)
            e->rx[s] = (struct rxslot){ mem + (ETH_TX_SLOTS + s) * ETH_BUF, false, GRANT_INVALID };
        return e;
    }
    return NULL;
}

/* Forget the dead instance: its grants, its buffers, its session. Frames
 * it had taken and not answered go back to waiting, in order, to be sent
 * again. Under the core lock. */
static void forget_instance(struct ether *e)
{
    for (int s = 0; s < ETH_TX_SLOTS; s++) {
        struct txslot *t = &e->tx[s];
        grant_revoke(t->grant);
        t->grant = GRANT_INVALID;
        grant_revoke(t->lent);
        t->lent = GRANT_INVALID;
        if (t->state == TX_SENT)
            t->state = TX_QUEUED;
    }
    e->tx_sent = e->tx_old;
    e->sends_out = 0;
    for (int s = 0; s < ETH_RX_SLOTS; s++) {
        grant_revoke(e->rx[s].grant);
        e->rx[s].grant = GRANT_INVALID;
        e->rx[s].posted = false;
    }
    e->recvs_out = 0;
    e->rx_first = 0;
}

/* Grants for every buffer, to the current instance. */
static int grant_buffers(struct ether *e)
{
    for (int s = 0; s < ETH_TX_SLOTS; s++)
        if ((e->tx[s].grant = grant_direct(e->peer.ep, e->tx[s].buf, ETH_BUF, GRANT_READ)) ==
            GRANT_INVALID)
            return -ENFILE;
    for (int s = 0; s < ETH_RX_SLOTS; s++)
        if ((e->rx[s].grant = grant_direct(e->peer.ep, e->rx[s].buf, ETH_BUF, GRANT_WRITE)) ==
            GRANT_INVALID)
            return -ENFILE;
    return 0;
}

/* A driver instance appeared under e's label (first or after a restart). */
static void new_instance(struct ether *e, endpoint_t ep)
{
    lw_lock();
    forget_instance(e);
    e->peer.ep = ep;
    e->state = PEER_GONE;
    if (grant_buffers(e) < 0) {
        lw_unlock();
        printf("net: %s: out of grants\n", e->label);
        return;
    }
    e->init_id = ID_MAKE(ID_INIT, ether_index(e), ++init_serial & 0xfffff);
    if (ndc_init(&e->peer, e->init_id) == 0)
        e->state = PEER_INIT_SENT;
    lw_unlock();
}

void ether_init(void)
{
    int r = ds_subscribe(NDEV_DS_PREFIX);

    if (r < 0)
        printf("net: cannot subscribe to %s in ds: %d\n", NDEV_DS_PREFIX, r);
    ether_ds_changed();
}

/* ds says keys under drv.net. changed: new drivers, restarted ones. */
void ether_ds_changed(void)
{
    char key[DS_KEY_MAX];
    uint64_t value;

    while (ds_check(key, sizeof(key), &value) == 0) {
        size_t plen = strlen(NDEV_DS_PREFIX);
        if (strncmp(key, NDEV_DS_PREFIX, plen) != 0 || value == 0)
            continue;
        const char *label = key + plen;
        struct ether *e = ether_by_label(label);
        if (!e && !(e = ether_new(label))) {
            printf("net: no room for the interface of %s\n", label);
            continue;
        }
        if (e->peer.ep == (endpoint_t)value)
            continue;
        if (e->ifc) {
            e->restarts++;
            printf("net: %s: driver %s is back (endpoint %d); replaying\n", e->ifc->name, label,
                   (int)value);
        }
        new_instance(e, (endpoint_t)value);
    }
}

/* INIT answered: create the interface the first time, then configure the
 * reception and hand over buffers. */
static void init_done(struct ether *e, const struct ndev_init_reply *r)
{
    if (r->result < 0) {
        printf("net: %s: INIT refused: %d\n", e->label, r->result);
        e->state = PEER_GONE;
        return;
    }
    memcpy(e->hwaddr, r->hwaddr, sizeof(e->hwaddr));
    e->max_sends = r->max_sends ? r->max_sends : 1;
    e->max_recvs = r->max_recvs ? r->max_recvs : 1;
    e->link = r->link;
    e->mbps = r->link_mbps;
    e->state = PEER_READY;
    if (!e->ifc && !(e->ifc = iface_attach(e->hwaddr, e)))
        printf("net: no room for an interface for %s\n", e->label);
    ndc_conf(&e->peer, ID_MAKE(ID_CONF, ether_index(e), 0),
             NDEV_MODE_UNICAST | NDEV_MODE_BCAST | NDEV_MODE_MCAST_ALL, GRANT_INVALID, 0);
    if (e->ifc) {
        lw_lock();
        if (e->link & NDEV_LINK_UP)
            lw.netif_set_link_up(&e->ifc->netif);
        else
            lw.netif_set_link_down(&e->ifc->netif);
        lw_unlock();
    }
}

/* A received frame (or an error) in receive slot s. */
static void received(struct ether *e, int s, int len)
{
    struct iface *ifc = e->ifc;

    e->rx[s].posted = false;
    e->recvs_out--;
    if (s < e->rx_first)
        e->rx_first = s;
    if (!ifc)
        return;
    if (len < NDEV_HDR_LEN || len > ETH_BUF) {
        ifc->in_errors++;
        return;
    }
    lw_lock();
    struct lw_pbuf *p = lw.pbuf_alloc(LW_PBUF_RAW, (uint16_t)len, LW_PBUF_RAM);
    if (!p) {
        ifc->in_dropped++;
    } else {
        memcpy(p->payload, e->rx[s].buf, (size_t)len);
        ifc->in_packets++;
        ifc->in_bytes += (uint64_t)len;
        if (lw.ethernet_input(p, &ifc->netif) != LW_ERR_OK)
            lw.pbuf_free(p);
    }
    lw_unlock();
}

/* The answer for frames number seq - count + 1 .. seq (their low 20
 * bits); a frame not waiting for it (a stray or repeated answer) is left
 * alone. The oldest frames answered free the ring for new ones. */
/* The answer for receive slots last - count + 1 .. last, in order. */
static void received_all(struct ether *e, uint32_t last, const struct ndev_recv_reply *r)
{
    uint32_t count = r->count ? r->count : 1;

    if (last >= ETH_RX_SLOTS || count > last + 1 || count > NDEV_RECV_JOIN_MAX)
        return;
    for (uint32_t k = 0; k < count; k++) {
        uint32_t s = last + 1 - count + k;
        int len = r->result < 0 || count == 1 ? r->result : r->len[k];
        if (e->rx[s].posted)
            received(e, (int)s, len);
    }
}

static void sent(struct ether *e, uint32_t seq, const struct ndev_send_reply *r)
{
    uint32_t count = r->count ? r->count : 1;

    if (count > ETH_TX_SLOTS)
        return;
    lw_lock();
    for (uint32_t k = 0; k < count; k++) {
        uint32_t n = (seq - k) & 0xfffff;
        struct txslot *t = &e->tx[n % ETH_TX_SLOTS];
        if (t->state != TX_SENT || (t->seq & 0xfffff) != n)
            continue;
        t->state = TX_FREE;
        if (t->p) {
            grant_revoke(t->lent);
            t->lent = GRANT_INVALID;
            lw.pbuf_free(t->p);
            t->p = NULL;
        }
        e->sends_out--;
        if (e->ifc && r->result < 0)
            e->ifc->out_errors++;
    }
    while (e->tx_old != e->tx_sent && e->tx[e->tx_old % ETH_TX_SLOTS].state == TX_FREE)
        e->tx_old++;
    lw_unlock();
}

static struct ether *ether_of_answer(const message *m, uint32_t id)
{
    uint32_t i = ID_ETHER(id);

    if (i >= NR_ETHERS || !ethers[i].used || ethers[i].peer.ep != m->m_source)
        return NULL;
    return &ethers[i];
}

/* The NIC drivers' messages: answers and link news. */
bool ether_message(message *m)
{
    if (m->m_type < NDEV_INIT_REPLY || m->m_type > NDEV_STATUS)
        return false;
    if (m->m_type == NDEV_STATUS) {
        for (int i = 0; i < NR_ETHERS; i++) {
            struct ether *e = &ethers[i];
            if (!e->used || e->peer.ep != m->m_source || !e->ifc)
                continue;
            e->link = m->ndev_status.link;
            e->mbps = m->ndev_status.link_mbps;
            lw_lock();
            if (e->link & NDEV_LINK_UP)
                lw.netif_set_link_up(&e->ifc->netif);
            else
                lw.netif_set_link_down(&e->ifc->netif);
            lw_unlock();
        }
        return true;
    }
    const struct ndev_reply *r = &m->ndev_reply;
    struct ether *e = ether_of_answer(m, r->id);
    if (!e)
        return true; /* a dead instance's, or a stranger's */
    uint32_t slot = ID_SLOT(r->id);
    switch (ID_KIND(r->id)) {
    case ID_INIT:
        if (m->m_type == NDEV_INIT_REPLY && e->state == PEER_INIT_SENT && r->id == e->init_id)
            init_done(e, &m->ndev_init_reply);
        break;
    case ID_SEND:
        if (m->m_type == NDEV_SEND_REPLY)
            sent(e, slot, &m->ndev_send_reply);
        break;
    case ID_RECV:
        if (m->m_type == NDEV_RECV_REPLY)
            received_all(e, slot, &m->ndev_recv_reply);
        break;
    default:
        break; /* CONF's answer: nothing to do */
    }
    return true;
}

/* Under the core lock, from lwIP: queue the frame for the main thread. */
lw_err_t ether_linkoutput(struct lw_netif *netif, struct lw_pbuf *p)
{
    struct iface *ifc = netif->state;
    struct ether *e = ifc->eth;

    if (p->tot_len > NDEV_FRAME_MAX || p->tot_len < NDEV_HDR_LEN) {
        ifc->out_errors++;
        return LW_ERR_OK;
    }
    if (e->tx_new - e->tx_old == ETH_TX_SLOTS) {
        ifc->out_dropped++; /* as a full NIC queue would: TCP sends again */
        return LW_ERR_OK;
    }
    struct txslot *t = &e->tx[e->tx_new % ETH_TX_SLOTS];
    uint16_t len = p->tot_len;
    if (!p->next && (p->type_internal & LW_PBUF_DATA_INSIDE) && len >= NDEV_FRAME_MIN) {
        /* lent, not copied: the driver reads lwIP's own bytes, and lwIP
         * will not touch a segment it sees referenced (sent() lets go) */
        lw.pbuf_ref(p);
        t->p = p;
        t->data = p->payload;
    } else {
        len = lw.pbuf_copy_partial(p, t->buf, p->tot_len, 0);
        if (len < NDEV_FRAME_MIN) { /* pad runts to the minimum (the driver checks) */
            memset(t->buf + len, 0, NDEV_FRAME_MIN - len);
            len = NDEV_FRAME_MIN;
        }
    }
    t->len = len;
    t->state = TX_QUEUED;
    t->seq = e->tx_new++;
    ifc->out_packets++;
    ifc->out_bytes += len;
    if (!net_on_main_thread())
        net_kick();
    return LW_ERR_OK;
}

/* Frames go in order, numbered so that the driver may answer each batch
 * once (NDEV_SEND_JOIN), up to NDEV_SEGS_MAX of them in one SEND
 * (NDEV_SEND_FRAMES). */
static void flush_sends(struct ether *e)
{
    struct ndev_seg seg[NDEV_SEGS_MAX];

    while (e->tx_sent != e->tx_new && e->sends_out < e->max_sends) {
        struct txslot *first = &e->tx[e->tx_sent % ETH_TX_SLOTS];
        if (first->state != TX_QUEUED) {
            e->tx_sent++; /* answered at an earlier instance */
            continue;
        }
        unsigned n = 0;
        while (n < NDEV_SEGS_MAX && e->tx_sent + n != e->tx_new &&
               e->sends_out + (int)n < e->max_sends) {
            struct txslot *t = &e->tx[(e->tx_sent + n) % ETH_TX_SLOTS];
            if (t->state != TX_QUEUED || (t->seq & 0xfffff) < (first->seq & 0xfffff))
                break; /* a gap, or the ids wrap: the next SEND */
            if (t->p && t->lent == GRANT_INVALID &&
                (t->lent = grant_direct(e->peer.ep, t->data, t->len, GRANT_READ)) == GRANT_INVALID)
                break; /* no grant left: the frame waits */
            seg[n++] = (struct ndev_seg){ t->p ? t->lent : t->grant, t->len };
        }
        if (n == 0)
            return; /* out of grants: later */
        bool more = e->tx_new - (e->tx_sent + n) > 0 && e->sends_out + (int)n < e->max_sends;
        unsigned flags = NDEV_SEND_FRAMES | NDEV_SEND_JOIN | (more ? NDEV_SEND_MORE : 0);
        if (ndc_send(&e->peer, ID_MAKE(ID_SEND, ether_index(e), first->seq & 0xfffff), seg, n,
                     flags) < 0)
            return; /* the asynchronous table is full: later */
        for (unsigned i = 0; i < n; i++)
            e->tx[(e->tx_sent + i) % ETH_TX_SLOTS].state = TX_SENT;
        e->sends_out += (int)n;
        e->tx_sent += n;
    }
}

static void flush_recvs(struct ether *e)
{
    grant_id_t g[1 + NDEV_RECV_MORE];
    int s = e->rx_first; /* the slots below it are all posted */
    int most = e->max_recvs < ETH_RX_SLOTS ? e->max_recvs : ETH_RX_SLOTS;

    for (; s < ETH_RX_SLOTS && e->recvs_out < most; s++) {
        int n = 0;
        while (s + n < ETH_RX_SLOTS && !e->rx[s + n].posted && n < 1 + NDEV_RECV_MORE &&
               e->recvs_out + n < e->max_recvs) {
            g[n] = e->rx[s + n].grant;
            n++;
        }
        if (n == 0)
            continue;
        if (ndc_recvv(&e->peer, ID_MAKE(ID_RECV, ether_index(e), s), g, (unsigned)n, ETH_BUF,
                      NDEV_RECV_JOIN) < 0)
            return;
        for (int i = 0; i < n; i++)
            e->rx[s + i].posted = true;
        e->recvs_out += n;
        s += n - 1;
    }
    e->rx_first = s;
}

void ether_flush(void)
{
    for (int i = 0; i < NR_ETHERS; i++) {
        struct ether *e = &ethers[i];
        if (!e->used || e->state != PEER_READY)
            continue;
        flush_recvs(e);
        lw_lock();
        flush_sends(e);
        lw_unlock();
    }
}

void ether_describe(const struct ether *e, struct if_info *out)
{
    snprintf(out->driver, sizeof(out->driver), "%.15s", e->label);
    out->link_mbps = e->mbps;
    out->driver_restarts = e->restarts;
}
