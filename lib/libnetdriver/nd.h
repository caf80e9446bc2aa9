/*
 * libnetdriver's internals: the state the library's parts share. All of
 * it belongs to the driver's one thread.
 */
#ifndef ND_H
#define ND_H

#include <errno.h>
#include "netdriver.h"
#include "ndev_msg.h"

#define ND_SENDQ  64  /* SEND requests held at once */
#define ND_RECVQ  64  /* RECV buffers held at once */
#define ND_OUTBOX 256 /* answers waiting for room in the async table */

/* The session with the network server (session.c). */
struct nd_session {
    endpoint_t server; /* bound by NDEV_INIT; NONE before */
    uint32_t number;   /* the server's number for the session */
    uint64_t stale;    /* requests of other sessions dropped */
    unsigned mode;     /* NDEV_MODE_* */
    uint8_t mcast[NDEV_MCAST_MAX][NDEV_HWADDR_LEN];
    unsigned mcast_count;
    uint32_t link, mbps;           /* as the driver last reported */
    uint32_t told_link, told_mbps; /* as the server last heard */
};

extern const struct netdriver_ops *nd_ops;
extern struct nd_session nd_session;
extern struct ndev_stats nd_stats;
extern uint8_t nd_hwaddr[NDEV_HWADDR_LEN];
extern char nd_label[20];

/* session.c: NDEV_INIT, NDEV_CONF, NDEV_STATS, and link news. */
int nd_do_init(message *m);
int nd_do_conf(message *m);
int nd_do_stats(message *m);
bool nd_is_server(endpoint_t ep);
void nd_stale(const message *m);
bool nd_accepts(const uint8_t *frame);
void nd_tell_link(void);

/* send.c */
int nd_do_send(message *m);
void nd_send_pump(void);
void nd_send_reset(bool answer, int result);
bool nd_send_waiting(void);
/* The last SEND said another follows at once: wait for it to pump. */
bool nd_send_deferred(void);

/* recv.c */
int nd_do_recv(message *m);
void nd_recv_pump(void);
void nd_recv_reset(bool answer, int result);

/* outbox.c: answers to the server, in order, never blocking. */
void nd_answer(const message *m);
void nd_answer_id(int type, uint32_t id, int result);
bool nd_outbox_flush(void); /* true when everything went out */
void nd_outbox_reset(void);

/* pci.c: find and claim the device. */
int nd_pci_attach(const struct nd_pci_id *ids, int instance, struct nd_device *dev);

/* hw.c */
void nd_sleep_ms(unsigned ms);

#endif
