/*
 * The e1000 driver's state: the mapped registers and the two descriptor
 * rings with their buffers. The driver has one thread; nothing is locked.
 */
#ifndef E1000_H
#define E1000_H

#include "netdriver.h"
#include "e1000_reg.h"

#define RX_RING  128 /* descriptors; each ring fits one page */
#define TX_RING  128
#define BUF_SIZE 2048 /* two buffers per page, none crossing a page */

struct e1000 {
    volatile uint8_t *regs;
    volatile struct rx_desc *rx;
    volatile struct tx_desc *tx;
    uint8_t *rx_buf, *tx_buf; /* RX_RING and TX_RING buffers of BUF_SIZE */
    unsigned rx_next;         /* the next descriptor the device fills */
    bool rx_discarding;       /* dropping a frame that spans descriptors */
    unsigned rx_give;         /* the last descriptor given back ... */
    bool rx_given;            /* ... since the last ring_flush() */
    unsigned tx_tail;         /* the next descriptor we fill */
    unsigned tx_told;         /* the tail the device knows (TDT) */
    unsigned tx_clean;        /* the oldest descriptor the device may still own */
    uint32_t rctl;            /* RCTL as last written */
};

extern struct e1000 e1000;

static inline uint32_t reg_read(unsigned off)
{
    return *(volatile uint32_t *)(e1000.regs + off);
}

static inline void reg_write(unsigned off, uint32_t value)
{
    *(volatile uint32_t *)(e1000.regs + off) = value;
}

/* hw.c */
int hw_reset(void);
int hw_read_mac(uint8_t mac[NDEV_HWADDR_LEN]);
void hw_set_mac(const uint8_t mac[NDEV_HWADDR_LEN]);
void hw_check_link(void);
void hw_set_mode(unsigned mode, const uint8_t (*mcast)[NDEV_HWADDR_LEN], unsigned count);
void hw_stop(void);
bool hw_gone(void);

/* ring.c */
int ring_init(void);
void *ring_tx_buffer(void);
void *ring_tx_buffer_ahead(unsigned i);
void ring_tx_commit(size_t len);
int ring_rx_next(const void **frame);
void ring_rx_done(void);
void ring_flush(void);
void ring_tx_reclaim(void);

#endif
