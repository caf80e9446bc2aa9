/*
 * The network server: lwIP (Debian's liblwip.so.0, loaded by lw.c on the
 * glibc-ABI shim) behind the socket protocol with vfs and the ndev
 * protocol with the NIC drivers. docs/net.md tells the whole story.
 *
 * Threads. The main thread does all the server's own work: it receives
 * every message (vfs's socket calls, the drivers' answers, ds and alarm
 * notifications, rs's heartbeats) and is the only thread that talks IPC
 * with the outside or makes grants. lwIP's tcpip thread runs lwIP's timers.
 * The waiter thread sleeps in lwip_poll() on the sockets someone waits for
 * (event.c). The other two wake the main thread with a notification.
 *
 * Locking. lwIP's core lock guards lwIP and, beside it, every interface's
 * transmit queue (ether.c): lwIP hands frames to ether_linkoutput() on
 * whichever thread holds the lock. The socket table and the pending
 * requests are the main thread's alone. event.c's handshake with the
 * waiter has its own mutex.
 */
#ifndef NET_NET_H
#define NET_NET_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <ember/server.h>
#include <ember/proto/sock.h>
#include <net/if.h>

#include "lw.h"

#define NET_LWIP_PATH "/lib/liblwip.so.0"
#define NET_CONF_PATH "/etc/net.conf"
#define NR_IFACES     IF_LIST_MAX
#define NR_NSOCKS     512
#define NR_PENDS      512
#define BOUNCE_SIZE   65536 /* the main thread's copy buffer (a whole datagram) */

/* main.c */
extern endpoint_t net_main_ep;
bool net_on_main_thread(void);
void net_kick(void);                 /* from another thread: wake the main thread */
void net_send_vfs(const message *m); /* asynchronously, queued if the table is full */
uint64_t net_now(void);              /* uptime, ns */
void net_timers_changed(void);       /* a deadline was added: recompute the alarm */
extern uint8_t net_bounce[BOUNCE_SIZE];

/* iface.c: interfaces, their configuration and the management ioctls */
struct ether;
struct dhcp;

struct iface {
    bool used;
    char name[IFNAMSIZ];
    uint32_t index;
    struct lw_netif netif;
    bool loopback;
    int config;                    /* IFCONF_* */
    struct ether *eth;             /* the NIC side (ether.c); NULL for lo */
    struct dhcp *dhcp;             /* dhcp.c's state while config is IFCONF_DHCP */
    uint32_t dns[DNS_SERVERS_MAX]; /* learned by DHCP, network order */
    int ndns;
    uint64_t in_packets, in_bytes, in_errors, in_dropped;
    uint64_t out_packets, out_bytes, out_errors, out_dropped;
};

extern struct iface ifaces[NR_IFACES];
void iface_loopback(void);
struct iface *iface_attach(const uint8_t *hwaddr, struct ether *eth);
struct iface *iface_by_name(const char *name);
void iface_set_addr(struct iface *ifc, uint32_t addr, uint32_t mask, uint32_t gw);
int iface_ioctl(unsigned long request, void *arg, bool root);

/* conf.c: /etc/net.conf */
struct if_conf {
    char name[IFNAMSIZ];
    int method;              /* IFCONF_NONE, IFCONF_STATIC, IFCONF_DHCP */
    uint32_t addr, mask, gw; /* network order */
};
void conf_load(const char *path);
struct if_conf conf_for(const char *ifname);

/* ether.c: interfaces over NIC drivers (the ndev protocol) */
void ether_init(void);
void ether_ds_changed(void);
bool ether_message(message *m); /* a driver's message: handled, true */
void ether_flush(void);         /* queued frames and receive buffers to the drivers */

/* dhcp.c */
void dhcp_start(struct iface *ifc);
void dhcp_stop(struct iface *ifc);
uint64_t dhcp_run(uint64_t now); /* due work; the next deadline or 0 */
uint32_t dhcp_lease_left(const struct iface *ifc, uint64_t now);
bool dhcp_bound(const struct iface *ifc);

/* sock.c: the socket table and the calls that answer at once */
struct pend;

struct nsock {
    bool used;
    int fd;                     /* lwIP's socket */
    int family, type, protocol; /* Ember's numbers */
    bool listening, connecting;
    bool rd_eof;                 /* a receive saw the end of the stream */
    uint8_t *held;               /* stream bytes taken from lwIP that a faulting */
    uint32_t held_len, held_off; /*   receive could not deliver: the next gets them */
    uint64_t rcvtimeo, sndtimeo; /* ns, 0: none */
    int select_ops;              /* SEL_* vfs wants to hear about */
    struct pend *pending;        /* FIFO of waiting requests */
};

extern struct nsock nsocks[NR_NSOCKS];
/* One more than the highest entry in use: scans of the table stop there
 * (entries are taken lowest first, so it stays near the sockets open). */
extern int nsocks_top;
int sock_dispatch(message *m); /* a SOCK_* call from vfs: result or EDONTREPLY */
struct nsock *sock_get(uint32_t id);
int sock_adopt(int fd, int family, int type, int protocol); /* a new id, or -errno */
void sock_release(struct nsock *s);
int sock_ready(struct nsock *s, int ops); /* SEL_* ready now */
int sock_list(void *arg);
int sock_addr_in(grant_id_t g, uint32_t len, union lx_sockaddr *out);
int sock_addr_out(const union lx_sockaddr *lx, uint32_t lxlen, grant_id_t g, uint32_t room);

/* sockio.c: connect, accept, send, receive: at once or later */
int sockio_start(struct nsock *s, message *m);
int sockio_cancel(struct nsock *s, uint32_t req);
void sockio_retry(void);                /* after events: finish what can be */
uint64_t sockio_timeouts(uint64_t now); /* expire; the next deadline or 0 */
void sockio_drop(struct nsock *s, int result);
int sockio_wanted(const struct nsock *s);    /* lwIP poll bits the waiter should watch */
uint32_t sockio_held(const struct nsock *s); /* bytes held back for the next receive */
void sockio_unhold(struct nsock *s);

/* event.c: the waiter thread */
void event_start(void);
void event_sync(void);    /* hand the waiter the sockets waited for */
void event_changed(void); /* what is waited for changed */
bool event_fired(void);   /* the waiter saw something since the last call */
void event_notify_select(void);
void event_close(struct nsock *s); /* lwip_close now, or once the waiter is out */

#endif
