/*
 * The DHCP client (RFC 2131), one per interface configured for it. It
 * lives in the server, not in a program of its own, because the server
 * owns the interfaces' configuration and must get it back by itself after
 * its own restart; Debian's lwIP has no DHCP module, so this is ours, on
 * lwIP's raw UDP interface (one pcb on port 68 for every interface).
 *
 * States: INIT sends DISCOVER; SELECTING takes the first OFFER and sends
 * REQUEST; REQUESTING waits for the ACK, which binds the address, the
 * mask, the router (the default route) and the name servers. At T1 the
 * lease is renewed with the server (RENEWING), at T2 with anyone
 * (REBINDING); when it runs out the address goes and INIT starts over. A
 * NAK at any time starts over too. Requests go out again after 2, 4, 8,
 * 16, 32 seconds (and then every 32), as broadcasts with the broadcast
 * flag set, so answers come back as broadcasts before we have an address.
 *
 * Everything here runs under the core lock: the receive callback is called
 * by lwIP with it held, and the timer work takes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "net.h"

#define CLIENT_PORT 68
#define SERVER_PORT 67
#define MSG_LEN     300 /* BOOTP's minimum, with room for our options */
#define MAGIC       0x63825363u
#define NS          1000000000ull

enum dhcp_state { INIT, SELECTING, REQUESTING, BOUND, RENEWING, REBINDING };

/* DHCP message types (option 53). */
enum { DISCOVER = 1, OFFER, REQUEST, DECLINE, ACK, NAK, RELEASE };

/* Options. */
enum {
    OPT_PAD = 0,
    OPT_MASK = 1,
    OPT_ROUTER = 3,
    OPT_DNS = 6,
    OPT_REQ_ADDR = 50,
    OPT_LEASE = 51,
    OPT_TYPE = 53,
    OPT_SERVER = 54,
    OPT_PARAMS = 55,
    OPT_T1 = 58,
    OPT_T2 = 59,
    OPT_CLIENT_ID = 61,
    OPT_END = 255
};

struct dhcp {
    enum dhcp_state state;
    uint32_t xid;
    int tries;
    uint64_t next;                  /* when to send again or move on; 0: never */
    uint64_t bound_at, t1, t2, end; /* absolute, ns */
    uint32_t offered, server;       /* network order */
};

/* What a received message says. */
struct dhcp_reply {
    int type;
    uint32_t yiaddr, server, mask, router, lease, t1, t2;
    uint32_t dns[DNS_SERVERS_MAX];
    int ndns;
};

static void *pcb;

static uint64_t retry_delay(int tries)
{
    return (uint64_t)(tries < 5 ? 2 << tries : 32) * NS;
}

static uint8_t *put_opt(uint8_t *p, int code, int len, const void *data)
{
    *p++ = (uint8_t)code;
    *p++ = (uint8_t)len;
    memcpy(p, data, (size_t)len);
    return p + len;
}

/* Build and send one message of type for ifc. */
static void send_msg(struct iface *ifc, int type)
{
    struct dhcp *d = ifc->dhcp;
    uint8_t msg[MSG_LEN], *p = msg + 240, t = (uint8_t)type;
    static const uint8_t params[] = { OPT_MASK, OPT_ROUTER, OPT_DNS, OPT_LEASE, OPT_T1, OPT_T2 };
    uint8_t client_id[7] = { 1 };
    bool unicast = d->state == RENEWING;

    memset(msg, 0, sizeof(msg));
    msg[0] = 1, msg[1] = 1, msg[2] = 6; /* BOOTREQUEST, Ethernet, 6-byte address */
    memcpy(msg + 4, &d->xid, 4);
    if (!unicast && d->state != REBINDING)
        msg[10] = 0x80; /* broadcast flag */
    if (d->state == RENEWING || d->state == REBINDING)
        memcpy(msg + 12, &ifc->netif.ip_addr.u.ip4.addr, 4); /* ciaddr */
    memcpy(msg + 28, ifc->netif.hwaddr, 6);
    uint32_t magic = htonl(MAGIC);
    memcpy(msg + 236, &magic, 4);
    p = put_opt(p, OPT_TYPE, 1, &t);
    memcpy(client_id + 1, ifc->netif.hwaddr, 6);
    p = put_opt(p, OPT_CLIENT_ID, sizeof(client_id), client_id);
    if (type == REQUEST && d->state == REQUESTING) {
        p = put_opt(p, OPT_REQ_ADDR, 4, &d->offered);
        p = put_opt(p, OPT_SERVER, 4, &d->server);
    }
    p = put_opt(p, OPT_PARAMS, sizeof(params), params);
    *p++ = OPT_END;

    struct lw_pbuf *pb = lw.pbuf_alloc(LW_PBUF_TRANSPORT, MSG_LEN, LW_PBUF_RAM);
    if (!pb)
        return;
    lw.pbuf_take(pb, msg, MSG_LEN);
    lw_ipaddr_t dst = lw_ipaddr4(unicast ? d->server : INADDR_BROADCAST);
    lw_ipaddr_t src = lw_ipaddr4(unicast ? ifc->netif.ip_addr.u.ip4.addr : 0);
    lw.udp_sendto_if_src(pcb, pb, &dst, SERVER_PORT, &ifc->netif, &src);
    lw.pbuf_free(pb);
}

static void enter(struct iface *ifc, enum dhcp_state state, uint64_t now)
{
    struct dhcp *d = ifc->dhcp;

    d->state = state;
    d->tries = 0;
    if (state == INIT || state == SELECTING)
        d->xid = (uint32_t)rand() ^ (uint32_t)now;
    if (state == INIT)
        d->next = now;
    else
        d->next = now + retry_delay(0);
}

/* The options of a reply we can use; -1 if it is malformed. */
static int parse(const uint8_t *m, int len, struct dhcp_reply *r)
{
    uint32_t magic;

    memset(r, 0, sizeof(*r));
    if (len < 240 || m[0] != 2)
        return -1;
    memcpy(&magic, m + 236, 4);
    if (ntohl(magic) != MAGIC)
        return -1;
    memcpy(&r->yiaddr, m + 16, 4);
    for (int at = 240; at < len;) {
        int code = m[at];
        if (code == OPT_END)
            break;
        if (code == OPT_PAD) {
            at++;
            continue;
        }
        if (at + 2 > len || at + 2 + m[at + 1] > len)
            return -1;
        int olen = m[at + 1];
        const uint8_t *v = m + at + 2;
        if (code == OPT_TYPE && olen == 1)
            r->type = v[0];
        else if (code == OPT_SERVER && olen == 4)
            memcpy(&r->server, v, 4);
        else if (code == OPT_MASK && olen == 4)
            memcpy(&r->mask, v, 4);
        else if (code == OPT_ROUTER && olen >= 4)
            memcpy(&r->router, v, 4);
        else if (code == OPT_LEASE && olen == 4)
            r->lease = ntohl(*(const uint32_t *)v);
        else if (code == OPT_T1 && olen == 4)
            r->t1 = ntohl(*(const uint32_t *)v);
        else if (code == OPT_T2 && olen == 4)
            r->t2 = ntohl(*(const uint32_t *)v);
        else if (code == OPT_DNS)
            for (int i = 0; i + 4 <= olen && r->ndns < DNS_SERVERS_MAX; i += 4)
                memcpy(&r->dns[r->ndns++], v + i, 4);
        at += 2 + olen;
    }
    return r->type ? 0 : -1;
}

static void bind_lease(struct iface *ifc, const struct dhcp_reply *r, uint64_t now)
{
    struct dhcp *d = ifc->dhcp;
    uint32_t lease = r->lease ? r->lease : 3600;
    uint32_t mask = r->mask ? r->mask : htonl(0xffffff00);

    d->state = BOUND;
    d->tries = 0;
    d->server = r->server ? r->server : d->server;
    d->bound_at = now;
    d->end = lease == 0xffffffffu ? 0 : now + (uint64_t)lease * NS;
    d->t1 = d->end ? now + (uint64_t)(r->t1 ? r->t1 : lease / 2) * NS : 0;
    d->t2 = d->end ? now + (uint64_t)(r->t2 ? r->t2 : lease / 8 * 7) * NS : 0;
    d->next = d->t1;
    ifc->ndns = r->ndns;
    memcpy(ifc->dns, r->dns, sizeof(ifc->dns));
    lw_ip4_t a = { r->yiaddr }, m = { mask }, g = { r->router };
    lw.netif_set_addr(&ifc->netif, &a, &m, &g);
    if (r->router)
        lw.netif_set_default(&ifc->netif);
}

static void lose_lease(struct iface *ifc, uint64_t now)
{
    lw_ip4_t zero = { 0 };

    printf("net: %s: DHCP lease lost\n", ifc->name);
    lw.netif_set_addr(&ifc->netif, &zero, &zero, &zero);
    ifc->ndns = 0;
    enter(ifc, INIT, now);
}

static void answer(struct iface *ifc, const struct dhcp_reply *r, uint64_t now)
{
    struct dhcp *d = ifc->dhcp;

    if (r->type == NAK && d->state != SELECTING && d->state != BOUND) {
        if (d->state != REQUESTING)
            lose_lease(ifc, now);
        else
            enter(ifc, INIT, now);
    } else if (r->type == OFFER && d->state == SELECTING && r->yiaddr && r->server) {
        d->offered = r->yiaddr;
        d->server = r->server;
        enter(ifc, REQUESTING, now);
        send_msg(ifc, REQUEST);
    } else if (r->type == ACK &&
               (d->state == REQUESTING || d->state == RENEWING || d->state == REBINDING) &&
               r->yiaddr) {
        bind_lease(ifc, r, now);
    }
}

/* lwIP's receive callback for port 68: under the core lock. */
static void recv_cb(void *arg, void *upcb, struct lw_pbuf *p, const lw_ipaddr_t *addr,
                    uint16_t port)
{
    uint8_t msg[576];
    struct dhcp_reply r;
    (void)arg, (void)upcb, (void)addr, (void)port;

    int len = lw.pbuf_copy_partial(p, msg, sizeof(msg), 0);
    lw.pbuf_free(p);
    uint32_t xid;
    if (len < 240 || parse(msg, len, &r) < 0)
        return;
    memcpy(&xid, msg + 4, 4);
    for (int i = 0; i < NR_IFACES; i++) {
        struct iface *ifc = &ifaces[i];
        if (ifc->used && ifc->dhcp && ifc->dhcp->xid == xid &&
            memcmp(msg + 28, ifc->netif.hwaddr, 6) == 0)
            answer(ifc, &r, net_now());
    }
}

/* Time-driven work for one interface. */
static void step(struct iface *ifc, uint64_t now)
{
    struct dhcp *d = ifc->dhcp;

    if (d->end && now >= d->end && d->state >= BOUND) {
        lose_lease(ifc, now);
    } else if (d->state == BOUND || d->state == RENEWING) {
        if (d->state == BOUND || now < d->t2) {
            if (d->state == BOUND)
                d->xid = (uint32_t)rand();
            d->state = RENEWING;
        } else {
            d->state = REBINDING;
        }
        send_msg(ifc, REQUEST);
        d->tries++;
    } else if (d->state == REBINDING) {
        send_msg(ifc, REQUEST);
        d->tries++;
    } else if (d->state == INIT || d->state == SELECTING) {
        if (d->state == INIT)
            enter(ifc, SELECTING, now);
        else
            d->tries++;
        send_msg(ifc, DISCOVER);
    } else { /* REQUESTING: no ACK came; start over after a few tries */
        if (++d->tries > 3) {
            enter(ifc, INIT, now);
            return;
        }
        send_msg(ifc, REQUEST);
    }
    uint64_t next = now + retry_delay(d->tries);
    if (d->state >= RENEWING) { /* never past the next phase */
        uint64_t limit = d->state == RENEWING ? d->t2 : d->end;
        if (limit && next > limit)
            next = limit;
    }
    d->next = next;
}

static bool ensure_pcb(void)
{
    lw_ipaddr_t any = lw_ipaddr4(0);

    if (pcb)
        return true;
    if (!(pcb = lw.udp_new()))
        return false;
    if (lw.udp_bind(pcb, &any, CLIENT_PORT) != LW_ERR_OK) {
        printf("net: DHCP: port %d is taken\n", CLIENT_PORT);
        return false;
    }
    lw.udp_recv(pcb, recv_cb, NULL);
    return true;
}

void dhcp_start(struct iface *ifc)
{
    uint64_t now = net_now();

    lw_lock();
    if (!ifc->dhcp)
        ifc->dhcp = calloc(1, sizeof(*ifc->dhcp));
    if (ifc->dhcp && ensure_pcb()) {
        enter(ifc, INIT, now);
        step(ifc, now);
    }
    lw_unlock();
}

void dhcp_stop(struct iface *ifc)
{
    lw_lock();
    free(ifc->dhcp);
    ifc->dhcp = NULL;
    lw_unlock();
}

uint64_t dhcp_run(uint64_t now)
{
    uint64_t next = 0;

    lw_lock();
    for (int i = 0; i < NR_IFACES; i++) {
        struct iface *ifc = &ifaces[i];
        if (!ifc->used || !ifc->dhcp)
            continue;
        if (ifc->dhcp->next && now >= ifc->dhcp->next)
            step(ifc, now);
        if (ifc->dhcp->next && (!next || ifc->dhcp->next < next))
            next = ifc->dhcp->next;
    }
    lw_unlock();
    return next;
}

bool dhcp_bound(const struct iface *ifc)
{
    return ifc->dhcp && ifc->dhcp->state >= BOUND;
}

uint32_t dhcp_lease_left(const struct iface *ifc, uint64_t now)
{
    if (!dhcp_bound(ifc) || !ifc->dhcp->end)
        return 0;
    return ifc->dhcp->end > now ? (uint32_t)((ifc->dhcp->end - now) / NS) : 0;
}
