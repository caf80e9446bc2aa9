/*
 * Interfaces: the loopback interface, one interface per NIC driver
 * (named eth0, eth1, ... in the order the drivers appear, and kept by the
 * driver's label, so a restarted driver finds its interface again), their
 * IPv4 configuration (/etc/net.conf: static or DHCP), and the management
 * ioctls ifconfig, route and netstat use (<net/if.h>, <net/route.h>).
 *
 * Every lwIP netif call happens under the core lock.
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <net/route.h>
#include <net/sockinfo.h>

#include "ether.h"
#include "net.h"

struct iface ifaces[NR_IFACES];
static int next_eth;

static lw_err_t loop_output4(struct lw_netif *netif, struct lw_pbuf *p, const lw_ip4_t *dst)
{
    (void)dst;
    return lw.netif_loop_output(netif, p);
}

static lw_err_t loop_output6(struct lw_netif *netif, struct lw_pbuf *p, const lw_ip6_t *dst)
{
    (void)dst;
    return lw.netif_loop_output(netif, p);
}

static lw_err_t loop_init(struct lw_netif *netif)
{
    netif->name[0] = 'l', netif->name[1] = 'o';
    netif->output = loop_output4;
    netif->output_ip6 = loop_output6;
    netif->mtu = 1500;
    return LW_ERR_OK;
}

static struct iface *iface_new(const char *name)
{
    for (int i = 0; i < NR_IFACES; i++) {
        struct iface *ifc = &ifaces[i];
        if (ifc->used)
            continue;
        memset(ifc, 0, sizeof(*ifc));
        ifc->used = true;
        ifc->index = (uint32_t)i + 1;
        snprintf(ifc->name, sizeof(ifc->name), "%s", name);
        ifc->netif.state = ifc;
        return ifc;
    }
    return NULL;
}

struct iface *iface_by_name(const char *name)
{
    for (int i = 0; i < NR_IFACES; i++)
        if (ifaces[i].used && strncmp(ifaces[i].name, name, IFNAMSIZ) == 0)
            return &ifaces[i];
    return NULL;
}

/* lo: 127.0.0.1/8 and ::1, always up. */
void iface_loopback(void)
{
    struct iface *ifc = iface_new("lo");
    lw_ip4_t addr = { htonl(INADDR_LOOPBACK) }, mask = { htonl(0xff000000) }, gw = { 0 };
    lw_ip6_t one = { { 0, 0, 0, htonl(1) }, 0 };

    ifc->loopback = true;
    ifc->config = IFCONF_STATIC;
    lw_lock();
    if (!lw.netif_add(&ifc->netif, &addr, &mask, &gw, ifc, loop_init, lw.ip_input))
        srv_panic("cannot add the loopback interface");
    lw.netif_ip6_addr_set(&ifc->netif, 0, &one);
    lw.netif_ip6_addr_set_state(&ifc->netif, 0, LW_IP6_PREFERRED);
    lw.netif_set_link_up(&ifc->netif);
    lw.netif_set_up(&ifc->netif);
    lw_unlock();
}

/* Addresses and default route; under the core lock. */
static void set_addr_locked(struct iface *ifc, uint32_t addr, uint32_t mask, uint32_t gw)
{
    lw_ip4_t a = { addr }, m = { mask }, g = { gw };

    lw.netif_set_addr(&ifc->netif, &a, &m, &g);
    if (gw)
        lw.netif_set_default(&ifc->netif);
}

void iface_set_addr(struct iface *ifc, uint32_t addr, uint32_t mask, uint32_t gw)
{
    lw_lock();
    set_addr_locked(ifc, addr, mask, gw);
    lw_unlock();
}

/* The configuration /etc/net.conf gives the interface. */
static void configure(struct iface *ifc)
{
    struct if_conf c = conf_for(ifc->name);

    ifc->config = c.method;
    if (c.method == IFCONF_STATIC)
        iface_set_addr(ifc, c.addr, c.mask, c.gw);
    else if (c.method == IFCONF_DHCP)
        dhcp_start(ifc);
}

static lw_err_t ether_netif_init(struct lw_netif *netif)
{
    netif->name[0] = 'e', netif->name[1] = 't';
    netif->output = lw.etharp_output;
    netif->output_ip6 = lw.ethip6_output;
    netif->linkoutput = ether_linkoutput;
    netif->mtu = 1500;
    netif->hwaddr_len = 6;
    netif->flags =
        LW_NETIF_BROADCAST | LW_NETIF_ETHARP | LW_NETIF_ETHERNET | LW_NETIF_IGMP | LW_NETIF_MLD6;
    return LW_ERR_OK;
}

/* A NIC appeared: a new interface for it, up and configured. */
struct iface *iface_attach(const uint8_t *hwaddr, struct ether *eth)
{
    char name[IFNAMSIZ];
    lw_ip4_t zero = { 0 };

    snprintf(name, sizeof(name), "eth%d", next_eth);
    struct iface *ifc = iface_new(name);
    if (!ifc)
        return NULL;
    next_eth++;
    ifc->eth = eth;
    memcpy(ifc->netif.hwaddr, hwaddr, 6);
    lw_lock();
    if (!lw.netif_add(&ifc->netif, &zero, &zero, &zero, ifc, ether_netif_init, lw.ethernet_input)) {
        lw_unlock();
        ifc->used = false;
        return NULL;
    }
    memcpy(ifc->netif.hwaddr, hwaddr, 6);
    lw.netif_create_ip6_linklocal_address(&ifc->netif, 1);
    ifc->netif.ip6_autoconfig_enabled = 1;
    lw.netif_set_up(&ifc->netif);
    lw_unlock();
    configure(ifc);
    return ifc;
}

/* ---- the management ioctls ---- */

static void fill_info(struct iface *ifc, struct if_info *in, uint64_t now)
{
    struct lw_netif *n = &ifc->netif;

    memset(in, 0, sizeof(*in));
    snprintf(in->name, sizeof(in->name), "%s", ifc->name);
    if (ifc->eth)
        ether_describe(ifc->eth, in);
    in->index = ifc->index;
    in->flags = (n->flags & LW_NETIF_UP ? IFF_UP : 0) |
                (n->flags & LW_NETIF_LINK_UP ? IFF_RUNNING : 0) |
                (n->flags & LW_NETIF_BROADCAST ? IFF_BROADCAST : 0) |
                (ifc->loopback ? IFF_LOOPBACK : IFF_MULTICAST);
    in->mtu = n->mtu;
    memcpy(in->hwaddr, n->hwaddr, 6);
    in->hwaddr_len = ifc->loopback ? 0 : 6;
    in->config = (uint8_t)ifc->config;
    in->dhcp_bound = dhcp_bound(ifc);
    in->addr.s_addr = n->ip_addr.u.ip4.addr;
    in->netmask.s_addr = n->netmask.u.ip4.addr;
    in->gateway.s_addr = n->gw.u.ip4.addr;
    in->broadcast.s_addr = in->addr.s_addr ? (in->addr.s_addr | ~in->netmask.s_addr) : 0;
    for (int i = 0; i < LW_IPV6_ADDRS && in->naddr6 < IF_INFO_ADDR6; i++) {
        uint8_t st = n->ip6_addr_state[i];
        if (!(st & (LW_IP6_TENTATIVE | LW_IP6_VALID)))
            continue;
        memcpy(&in->addr6[in->naddr6], n->ip6_addr[i].u.ip6.addr, 16);
        in->addr6_state[in->naddr6++] = (st & LW_IP6_VALID) ? 2 : 1;
    }
    in->lease_left = dhcp_lease_left(ifc, now);
    in->in_packets = ifc->in_packets, in->in_bytes = ifc->in_bytes;
    in->in_errors = ifc->in_errors, in->in_dropped = ifc->in_dropped;
    in->out_packets = ifc->out_packets, in->out_bytes = ifc->out_bytes;
    in->out_errors = ifc->out_errors, in->out_dropped = ifc->out_dropped;
}

static int list_ifaces(struct if_list *l)
{
    uint64_t now = net_now();

    memset(l, 0, sizeof(*l));
    lw_lock();
    for (int i = 0; i < NR_IFACES; i++)
        if (ifaces[i].used)
            fill_info(&ifaces[i], &l->info[l->count++], now);
    lw_unlock();
    return 0;
}

static int list_routes(struct rt_list *l)
{
    memset(l, 0, sizeof(*l));
    lw_lock();
    struct lw_netif *def = *lw.netif_default;
    for (int i = 0; i < NR_IFACES && l->count < RT_LIST_MAX; i++) {
        struct iface *ifc = &ifaces[i];
        struct lw_netif *n = &ifc->netif;
        if (!ifc->used || !n->ip_addr.u.ip4.addr || !(n->flags & LW_NETIF_UP))
            continue;
        struct rtreq *r = &l->route[l->count++];
        r->rt_dst.sin_family = r->rt_mask.sin_family = AF_INET;
        r->rt_dst.sin_addr.s_addr = n->ip_addr.u.ip4.addr & n->netmask.u.ip4.addr;
        r->rt_mask.sin_addr.s_addr = n->netmask.u.ip4.addr;
        r->rt_flags = RTF_UP;
        snprintf(r->rt_ifname, sizeof(r->rt_ifname), "%s", ifc->name);
    }
    if (def && def->gw.u.ip4.addr && l->count < RT_LIST_MAX) {
        struct rtreq *r = &l->route[l->count++];
        r->rt_dst.sin_family = r->rt_mask.sin_family = r->rt_gateway.sin_family = AF_INET;
        r->rt_gateway.sin_addr.s_addr = def->gw.u.ip4.addr;
        r->rt_flags = RTF_UP | RTF_GATEWAY;
        snprintf(r->rt_ifname, sizeof(r->rt_ifname), "%s", ((struct iface *)def->state)->name);
    }
    lw_unlock();
    return 0;
}

/* The interface whose network holds addr (network order), or NULL. */
static struct iface *iface_for(uint32_t addr)
{
    for (int i = 0; i < NR_IFACES; i++) {
        struct lw_netif *n = &ifaces[i].netif;
        if (ifaces[i].used && n->ip_addr.u.ip4.addr &&
            ((addr ^ n->ip_addr.u.ip4.addr) & n->netmask.u.ip4.addr) == 0)
            return &ifaces[i];
    }
    return NULL;
}

static int change_route(const struct rtreq *r, bool add)
{
    if (r->rt_dst.sin_addr.s_addr != 0 || r->rt_mask.sin_addr.s_addr != 0)
        return -EOPNOTSUPP; /* lwIP routes by interface network and one default */
    lw_lock();
    struct lw_netif *def = *lw.netif_default;
    struct iface *ifc = r->rt_ifname[0] ? iface_by_name(r->rt_ifname)
                        : add           ? iface_for(r->rt_gateway.sin_addr.s_addr)
                        : def           ? (struct iface *)def->state
                                        : NULL;
    int result = 0;
    if (!ifc) {
        result = add ? -ENETUNREACH : -ESRCH;
    } else if (add) {
        set_addr_locked(ifc, ifc->netif.ip_addr.u.ip4.addr, ifc->netif.netmask.u.ip4.addr,
                        r->rt_gateway.sin_addr.s_addr);
    } else {
        lw_ip4_t zero = { 0 };
        lw_ip4_t a = { ifc->netif.ip_addr.u.ip4.addr }, m = { ifc->netif.netmask.u.ip4.addr };
        lw.netif_set_addr(&ifc->netif, &a, &m, &zero);
        if (def == &ifc->netif)
            lw.netif_set_default(NULL);
    }
    lw_unlock();
    return result;
}

static struct sockaddr_in *sin_of(struct ifreq *r)
{
    return (struct sockaddr_in *)&r->ifr_addr;
}

static void put_sin(struct ifreq *r, uint32_t addr)
{
    struct sockaddr_in *sin = sin_of(r);

    memset(sin, 0, sizeof(*sin));
    sin->sin_len = sizeof(*sin);
    sin->sin_family = AF_INET;
    sin->sin_addr.s_addr = addr;
}

static int get_ifreq(unsigned long request, struct ifreq *r, struct iface *ifc)
{
    struct lw_netif *n = &ifc->netif;

    lw_lock();
    switch (request) {
    case SIOCGIFADDR:
        put_sin(r, n->ip_addr.u.ip4.addr);
        break;
    case SIOCGIFNETMASK:
        put_sin(r, n->netmask.u.ip4.addr);
        break;
    case SIOCGIFBRDADDR:
        put_sin(r, n->ip_addr.u.ip4.addr | ~n->netmask.u.ip4.addr);
        break;
    case SIOCGIFFLAGS:
        r->ifr_flags = (short)((n->flags & LW_NETIF_UP ? IFF_UP : 0) |
                               (n->flags & LW_NETIF_LINK_UP ? IFF_RUNNING : 0) |
                               (ifc->loopback ? IFF_LOOPBACK : IFF_BROADCAST));
        break;
    case SIOCGIFMTU:
        r->ifr_mtu = n->mtu;
        break;
    default:
        r->ifr_index = (int)ifc->index;
        break;
    }
    lw_unlock();
    return 0;
}

static int set_ifreq(unsigned long request, struct ifreq *r, struct iface *ifc)
{
    struct lw_netif *n = &ifc->netif;
    uint32_t v = sin_of(r)->sin_addr.s_addr;

    if (request == SIOCSIFDHCP) {
        if (ifc->loopback)
            return -EINVAL;
        ifc->config = IFCONF_DHCP;
        dhcp_start(ifc);
        return 0;
    }
    if (request != SIOCSIFFLAGS && sin_of(r)->sin_family != AF_INET)
        return -EAFNOSUPPORT;
    lw_lock();
    if (request == SIOCSIFADDR) {
        uint32_t mask = n->netmask.u.ip4.addr;
        if (!mask) /* the class's mask, as BSD does */
            mask = htonl((ntohl(v) >> 24) < 128   ? 0xff000000
                         : (ntohl(v) >> 24) < 192 ? 0xffff0000
                                                  : 0xffffff00);
        set_addr_locked(ifc, v, mask, n->gw.u.ip4.addr);
    } else if (request == SIOCSIFNETMASK) {
        set_addr_locked(ifc, n->ip_addr.u.ip4.addr, v, n->gw.u.ip4.addr);
    } else if (r->ifr_flags & IFF_UP) {
        lw.netif_set_up(n);
    } else {
        lw.netif_set_down(n);
    }
    lw_unlock();
    if (request == SIOCSIFADDR || request == SIOCSIFNETMASK) {
        if (ifc->config == IFCONF_DHCP)
            dhcp_stop(ifc);
        ifc->config = IFCONF_STATIC;
    }
    return 0;
}

static int dns_servers(struct dns_servers *d)
{
    memset(d, 0, sizeof(*d));
    for (int i = 0; i < NR_IFACES; i++)
        for (int k = 0; ifaces[i].used && k < ifaces[i].ndns && d->count < DNS_SERVERS_MAX; k++)
            d->addr[d->count++].s_addr = ifaces[i].dns[k];
    return 0;
}

/* A management ioctl; arg holds the argument, copied in and (by the
 * caller) out. Changes are root's. */
int iface_ioctl(unsigned long request, void *arg, bool root)
{
    struct ifreq *r = arg;

    switch (request) {
    case SIOCGIFLIST:
        return list_ifaces(arg);
    case SIOCGRTLIST:
        return list_routes(arg);
    case SIOCGDNS:
        return dns_servers(arg);
    case SIOCGSOCKLIST:
        return sock_list(arg);
    case SIOCADDRT:
    case SIOCDELRT:
        return root ? change_route(arg, request == SIOCADDRT) : -EPERM;
    case SIOCGIFADDR:
    case SIOCGIFNETMASK:
    case SIOCGIFBRDADDR:
    case SIOCGIFFLAGS:
    case SIOCGIFMTU:
    case SIOCGIFINDEX: {
        r->ifr_name[IFNAMSIZ - 1] = '\0';
        struct iface *ifc = iface_by_name(r->ifr_name);
        return ifc ? get_ifreq(request, r, ifc) : -ENXIO;
    }
    case SIOCSIFADDR:
    case SIOCSIFNETMASK:
    case SIOCSIFFLAGS:
    case SIOCSIFDHCP: {
        r->ifr_name[IFNAMSIZ - 1] = '\0';
        struct iface *ifc = iface_by_name(r->ifr_name);
        if (!root)
            return -EPERM;
        return ifc ? set_ifreq(request, r, ifc) : -ENXIO;
    }
    default:
        return -ENOTTY;
    }
}
