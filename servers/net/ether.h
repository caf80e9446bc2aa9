/*
 * An interface's NIC side (ether.c): the driver, its session and the
 * frame buffers lent to it.
 */
#ifndef NET_ETHER_H
#define NET_ETHER_H

#include "ndev_client.h"
#include "net.h"

#define ETH_RX_SLOTS 32
#define ETH_TX_SLOTS 64
#define ETH_BUF      1536

enum peer_state {
    PEER_GONE,      /* no driver instance known */
    PEER_INIT_SENT, /* INIT sent; nothing else may go until its answer */
    PEER_READY,
};

enum tx_state { TX_FREE, TX_QUEUED, TX_SENT };

struct txslot {
    uint8_t *buf;      /* a copy of the frame, when it could not be lent */
    grant_id_t grant;  /* buf, to the current driver instance */
    struct lw_pbuf *p; /* or lwIP's frame itself, held until answered */
    const void *data;  /* its bytes */
    grant_id_t lent;   /* them, to the driver, while TX_SENT */
    uint16_t len;
    uint8_t state; /* enum tx_state */
    uint32_t seq;  /* the frame's number (struct ether) */
};

struct rxslot {
    uint8_t *buf;
    bool posted;
    grant_id_t grant;
};

struct ether {
    bool used;
    char label[DS_KEY_MAX]; /* the driver's, as in ds */
    struct iface *ifc;
    struct ndev_peer peer;
    enum peer_state state;
    uint32_t init_id;
    uint16_t max_sends, max_recvs;
    uint32_t link, mbps;
    uint8_t hwaddr[6];
    uint32_t restarts; /* driver instances after the first */
    /* Under the core lock: the transmit slots, a ring in the order frames
     * come. Frame number n lives in slot n % ETH_TX_SLOTS: frames
     * tx_old .. tx_sent - 1 went to the driver (some may be answered
     * already: answers can overtake each other), frames tx_sent ..
     * tx_new - 1 wait to go. A SEND's id carries its frame's number, so
     * a joined answer (NDEV_SEND_JOIN) names the frames it answers. */
    struct txslot tx[ETH_TX_SLOTS];
    uint32_t tx_old, tx_sent, tx_new;
    int sends_out;
    /* the main thread's: */
    struct rxslot rx[ETH_RX_SLOTS];
    int recvs_out; /* how many are posted */
    int rx_first;  /* no slot below this one waits to be posted */
};

/* lwIP's linkoutput for every NIC interface; under the core lock. */
lw_err_t ether_linkoutput(struct lw_netif *netif, struct lw_pbuf *p);

/* The driver's part of an interface's description. */
void ether_describe(const struct ether *e, struct if_info *out);

#endif
