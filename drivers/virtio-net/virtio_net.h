/*
 * The virtio-net driver's state. Each queue is used as chains of two
 * descriptors, chain c being descriptors 2c (the virtio-net header) and
 * 2c+1 (the frame): a legacy device wants the header in a descriptor of
 * its own. Headers are 16 bytes apart in one page; frame buffers are
 * BUF_SIZE bytes, two per page. The driver has one thread; nothing is
 * locked.
 */
#ifndef VIRTIO_NET_H
#define VIRTIO_NET_H

#include "virtio.h"

#define VIRTIO_NET_F_MAC    (1u << 5)
#define VIRTIO_NET_F_STATUS (1u << 16)
#define NET_CONFIG_MAC      0 /* 6 bytes */
#define NET_CONFIG_STATUS   6 /* 16 bits */
#define NET_S_LINK_UP       1

#define RXQ        0
#define TXQ        1
#define NET_HDR    10 /* struct virtio_net_hdr without MRG_RXBUF: all zero for us */
#define HDR_STRIDE 16
#define BUF_SIZE   2048
#define MAX_CHAINS 128 /* per queue */

struct vnet {
    struct virtio_dev dev;
    uint32_t features;
    struct virtq rx, tx;
    unsigned rx_chains, tx_chains;
    uint8_t *rx_hdr, *tx_hdr; /* one page each */
    uint8_t *rx_buf, *tx_buf;
    int rx_cur;                   /* the chain rx_next showed; -1: a bogus entry */
    uint16_t tx_free[MAX_CHAINS]; /* chains we may fill */
    unsigned tx_nfree;
    bool tx_busy[MAX_CHAINS]; /* with the device */
};

extern struct vnet vnet;

/* rxtx.c */
int rxtx_init(void);
void *rxtx_tx_buffer(void);
void rxtx_tx_commit(size_t len);
int rxtx_rx_next(const void **frame);
void rxtx_rx_done(void);
void rxtx_tx_reclaim(void);

#endif
