/*
 * lwIP as the server sees it: the functions it calls in liblwip.so.0
 * (resolved once at start-up into struct lw_api), and the few structures
 * it shares with lwIP, written here with the layout of Debian's build
 * (lwipopts.h from liblwip-dev: IPv4 and IPv6 with six addresses and their
 * lifetimes, loopback, IGMP, MLD, two client-data words). The server never
 * includes lwIP's headers (they are glibc's); tests/unit/test_lwip_loader.c
 * checks every offset below against them on the host.
 *
 * Locking. lwIP runs with LWIP_TCPIP_CORE_LOCKING: one mutex, the core
 * lock, serialises everything inside it. Its own threads take it; the
 * server takes it (lw_lock) around every raw call (netif_*, udp_*,
 * ethernet_input, pbuf_* on shared pbufs). The lwip_* socket calls take it
 * themselves and must be called without it.
 */
#ifndef NET_LW_H
#define NET_LW_H

#include <stddef.h>
#include <stdint.h>

#include "abi.h"

typedef int8_t lw_err_t;

#define LW_ERR_OK  0
#define LW_ERR_MEM (-1)
#define LW_ERR_IF  (-12)

typedef struct {
    uint32_t addr; /* network byte order */
} lw_ip4_t;

typedef struct {
    uint32_t addr[4];
    uint8_t zone;
} lw_ip6_t;

/* ip_addr_t: either family, tagged. */
typedef struct {
    union {
        lw_ip6_t ip6;
        lw_ip4_t ip4;
    } u;
    uint8_t type; /* LW_IPADDR_* */
} lw_ipaddr_t;

#define LW_IPADDR_V4 0
#define LW_IPADDR_V6 6

struct lw_pbuf {
    struct lw_pbuf *next;
    void *payload;
    uint16_t tot_len, len;
    uint8_t type_internal, flags, ref, if_idx;
};

/* pbuf_alloc's layer and type. */
#define LW_PBUF_RAW       0
#define LW_PBUF_TRANSPORT 74
#define LW_PBUF_RAM       640
/* type_internal: the data lives in the pbuf's own allocation (PBUF_RAM,
 * PBUF_POOL), so it stays while the pbuf is referenced. */
#define LW_PBUF_DATA_INSIDE 0x80

struct lw_netif;
typedef lw_err_t (*lw_input_fn)(struct lw_pbuf *p, struct lw_netif *netif);
typedef lw_err_t (*lw_output_fn)(struct lw_netif *netif, struct lw_pbuf *p, const lw_ip4_t *dst);
typedef lw_err_t (*lw_linkoutput_fn)(struct lw_netif *netif, struct lw_pbuf *p);
typedef lw_err_t (*lw_output6_fn)(struct lw_netif *netif, struct lw_pbuf *p, const lw_ip6_t *dst);
typedef lw_err_t (*lw_netif_init_fn)(struct lw_netif *netif);

#define LW_IPV6_ADDRS 6

struct lw_netif {
    struct lw_netif *next;
    lw_ipaddr_t ip_addr, netmask, gw;
    lw_ipaddr_t ip6_addr[LW_IPV6_ADDRS];
    uint8_t ip6_addr_state[LW_IPV6_ADDRS];
    uint32_t ip6_addr_valid_life[LW_IPV6_ADDRS];
    uint32_t ip6_addr_pref_life[LW_IPV6_ADDRS];
    lw_input_fn input;
    lw_output_fn output;
    lw_linkoutput_fn linkoutput;
    lw_output6_fn output_ip6;
    void *state;
    void *client_data[2];
    uint16_t mtu, mtu6;
    uint8_t hwaddr[6];
    uint8_t hwaddr_len;
    uint8_t flags; /* LW_NETIF_* */
    char name[2];
    uint8_t num;
    uint8_t ip6_autoconfig_enabled;
    uint8_t rs_count;
    void *igmp_mac_filter, *mld_mac_filter;
    struct lw_pbuf *loop_first, *loop_last;
    uint8_t reschedule_poll;
};

_Static_assert(offsetof(struct lw_netif, ip_addr) == 8, "netif.ip_addr");
_Static_assert(offsetof(struct lw_netif, ip6_addr) == 80, "netif.ip6_addr");
_Static_assert(offsetof(struct lw_netif, ip6_addr_state) == 224, "netif.ip6_addr_state");
_Static_assert(offsetof(struct lw_netif, input) == 280, "netif.input");
_Static_assert(offsetof(struct lw_netif, linkoutput) == 296, "netif.linkoutput");
_Static_assert(offsetof(struct lw_netif, state) == 312, "netif.state");
_Static_assert(offsetof(struct lw_netif, mtu) == 336, "netif.mtu");
_Static_assert(offsetof(struct lw_netif, hwaddr) == 340, "netif.hwaddr");
_Static_assert(offsetof(struct lw_netif, flags) == 347, "netif.flags");
_Static_assert(offsetof(struct lw_netif, num) == 350, "netif.num");
_Static_assert(offsetof(struct lw_netif, igmp_mac_filter) == 360, "netif.igmp_mac_filter");
_Static_assert(sizeof(struct lw_netif) == 400, "struct netif");
_Static_assert(sizeof(lw_ipaddr_t) == 24 && offsetof(lw_ipaddr_t, type) == 20, "ip_addr_t");
_Static_assert(sizeof(struct lw_pbuf) == 24 && offsetof(struct lw_pbuf, tot_len) == 16, "pbuf");

#define LW_NETIF_UP        0x01
#define LW_NETIF_BROADCAST 0x02
#define LW_NETIF_LINK_UP   0x04
#define LW_NETIF_ETHARP    0x08
#define LW_NETIF_ETHERNET  0x10
#define LW_NETIF_IGMP      0x20
#define LW_NETIF_MLD6      0x40

#define LW_IP6_TENTATIVE 0x08
#define LW_IP6_VALID     0x10
#define LW_IP6_PREFERRED 0x30

/* glibc's struct pollfd, which lwip_poll takes. */
struct lx_pollfd {
    int fd;
    short events, revents;
};

typedef void (*lw_udp_recv_fn)(void *arg, void *pcb, struct lw_pbuf *p, const lw_ipaddr_t *addr,
                               uint16_t port);

/* Everything the server calls in liblwip.so.0. */
struct lw_api {
    void (*tcpip_init)(void (*done)(void *), void *arg);
    void (*sys_lock_tcpip_core)(void);
    void (*sys_unlock_tcpip_core)(void);
    struct lw_netif *(*netif_add)(struct lw_netif *netif, const lw_ip4_t *ip, const lw_ip4_t *mask,
                                  const lw_ip4_t *gw, void *state, lw_netif_init_fn init,
                                  lw_input_fn input);
    void (*netif_set_addr)(struct lw_netif *netif, const lw_ip4_t *ip, const lw_ip4_t *mask,
                           const lw_ip4_t *gw);
    void (*netif_set_up)(struct lw_netif *netif);
    void (*netif_set_down)(struct lw_netif *netif);
    void (*netif_set_link_up)(struct lw_netif *netif);
    void (*netif_set_link_down)(struct lw_netif *netif);
    void (*netif_set_default)(struct lw_netif *netif);
    struct lw_netif **netif_default;
    lw_err_t (*netif_loop_output)(struct lw_netif *netif, struct lw_pbuf *p);
    void (*netif_create_ip6_linklocal_address)(struct lw_netif *netif, uint8_t from_mac);
    void (*netif_ip6_addr_set)(struct lw_netif *netif, int8_t index, const lw_ip6_t *addr);
    void (*netif_ip6_addr_set_state)(struct lw_netif *netif, int8_t index, uint8_t state);
    lw_err_t (*ethernet_input)(struct lw_pbuf *p, struct lw_netif *netif);
    lw_err_t (*ip_input)(struct lw_pbuf *p, struct lw_netif *netif);
    lw_err_t (*etharp_output)(struct lw_netif *netif, struct lw_pbuf *p, const lw_ip4_t *dst);
    lw_err_t (*ethip6_output)(struct lw_netif *netif, struct lw_pbuf *p, const lw_ip6_t *dst);
    struct lw_pbuf *(*pbuf_alloc)(int layer, uint16_t length, int type);
    uint8_t (*pbuf_free)(struct lw_pbuf *p);
    void (*pbuf_ref)(struct lw_pbuf *p);
    uint16_t (*pbuf_copy_partial)(const struct lw_pbuf *p, void *data, uint16_t len,
                                  uint16_t offset);
    lw_err_t (*pbuf_take)(struct lw_pbuf *p, const void *data, uint16_t len);
    void *(*udp_new)(void);
    lw_err_t (*udp_bind)(void *pcb, const lw_ipaddr_t *addr, uint16_t port);
    void (*udp_recv)(void *pcb, lw_udp_recv_fn recv, void *arg);
    lw_err_t (*udp_sendto_if_src)(void *pcb, struct lw_pbuf *p, const lw_ipaddr_t *dst,
                                  uint16_t port, struct lw_netif *netif, const lw_ipaddr_t *src);
    int (*lwip_socket)(int domain, int type, int protocol);
    int (*lwip_close)(int s);
    int (*lwip_bind)(int s, const void *addr, uint32_t len);
    int (*lwip_connect)(int s, const void *addr, uint32_t len);
    int (*lwip_listen)(int s, int backlog);
    int (*lwip_accept)(int s, void *addr, uint32_t *len);
    long (*lwip_send)(int s, const void *buf, size_t len, int flags);
    long (*lwip_sendto)(int s, const void *buf, size_t len, int flags, const void *to,
                        uint32_t tolen);
    long (*lwip_recvfrom)(int s, void *buf, size_t len, int flags, void *from, uint32_t *fromlen);
    int (*lwip_shutdown)(int s, int how);
    int (*lwip_getsockopt)(int s, int level, int name, void *val, uint32_t *len);
    int (*lwip_setsockopt)(int s, int level, int name, const void *val, uint32_t len);
    int (*lwip_getsockname)(int s, void *addr, uint32_t *len);
    int (*lwip_getpeername)(int s, void *addr, uint32_t *len);
    int (*lwip_fcntl)(int s, int cmd, int val);
    int (*lwip_ioctl)(int s, long cmd, void *argp);
    int (*lwip_poll)(struct lx_pollfd *fds, unsigned long nfds, int timeout);
};

extern struct lw_api lw;

/* Loads liblwip.so.0 from path, binds its imports to the shim, resolves
 * struct lw_api and runs its initialisers. Returns 0 or a negative errno
 * (the reason printed). */
int lw_load(const char *path);

/* Starts lwIP's tcpip thread and waits until it runs. */
void lw_start(void);

static inline void lw_lock(void)
{
    lw.sys_lock_tcpip_core();
}

static inline void lw_unlock(void)
{
    lw.sys_unlock_tcpip_core();
}

/* lwIP's errno after a failed lwip_* call, as a negative Ember errno. */
int lw_error(void);

/* An IPv4 ip_addr_t. */
static inline lw_ipaddr_t lw_ipaddr4(uint32_t net_order)
{
    lw_ipaddr_t a = { .u.ip4.addr = net_order, .type = LW_IPADDR_V4 };
    return a;
}

#endif
