/*
 * The descriptor rings. Each ring is one page of descriptors (so it is
 * physically contiguous whatever the heap gives us); its buffers are
 * BUF_SIZE bytes, two per page, each given to the device by the physical
 * address of its own page.
 *
 * Receive: the device owns the descriptors from RDH up to RDT - 1 and
 * fills them in order, setting DD (and EOP on a frame's last buffer). We
 * take them in the same order from rx_next; giving one back means
 * clearing it and moving RDT onto it. A frame longer than one buffer
 * cannot happen with long packets off, but a device may say otherwise:
 * such a frame is dropped whole, as one error.
 *
 * Transmit: we fill the descriptor at tx_tail and move TDT past it; the
 * device sets DD in each descriptor it has sent (RS asks it to). One slot
 * always stays empty, so tail == clean means an empty ring. Finished
 * descriptors are taken back lazily, when the ring is full or at the poll:
 * no interrupt per frame sent.
 *
 * Both tails move in memory first; ring_flush() writes TDT and RDT once
 * for the batch the library just moved.
 */
#include "e1000.h"

static uint64_t buffer_phys(uint8_t *base, unsigned i)
{
    return nd_dma_phys(base + (size_t)i * BUF_SIZE);
}

static int rx_init(void)
{
    e1000.rx = nd_dma_alloc(RX_RING * sizeof(struct rx_desc));
    e1000.rx_buf = nd_dma_alloc(RX_RING * BUF_SIZE);
    if (!e1000.rx || !e1000.rx_buf)
        return -ENOMEM;
    for (unsigned i = 0; i < RX_RING; i++)
        e1000.rx[i].addr = buffer_phys(e1000.rx_buf, i);
    uint64_t ring = nd_dma_phys(e1000.rx);
    reg_write(REG_RDBAL, (uint32_t)ring);
    reg_write(REG_RDBAH, (uint32_t)(ring >> 32));
    reg_write(REG_RDLEN, RX_RING * sizeof(struct rx_desc));
    reg_write(REG_RDH, 0);
    reg_write(REG_RDT, RX_RING - 1);
    reg_write(REG_RDTR, 0);
    e1000.rx_next = 0;
    e1000.rx_given = false;
    e1000.rctl = RCTL_EN | RCTL_SECRC | RCTL_BAM; /* what a server asks for first */
    reg_write(REG_RCTL, e1000.rctl);
    return 0;
}

static int tx_init(void)
{
    e1000.tx = nd_dma_alloc(TX_RING * sizeof(struct tx_desc));
    e1000.tx_buf = nd_dma_alloc(TX_RING * BUF_SIZE);
    if (!e1000.tx || !e1000.tx_buf)
        return -ENOMEM;
    for (unsigned i = 0; i < TX_RING; i++) {
        e1000.tx[i].addr = buffer_phys(e1000.tx_buf, i);
        e1000.tx[i].status = TXS_DD;
    }
    uint64_t ring = nd_dma_phys(e1000.tx);
    reg_write(REG_TDBAL, (uint32_t)ring);
    reg_write(REG_TDBAH, (uint32_t)(ring >> 32));
    reg_write(REG_TDLEN, TX_RING * sizeof(struct tx_desc));
    reg_write(REG_TDH, 0);
    reg_write(REG_TDT, 0);
    e1000.tx_tail = e1000.tx_clean = e1000.tx_told = 0;
    reg_write(REG_TIPG, TIPG_COPPER);
    reg_write(REG_TCTL,
              TCTL_EN | TCTL_PSP | TCTL_CT << TCTL_CT_SHIFT | TCTL_COLD_FD << TCTL_COLD_SHIFT);
    return 0;
}

int ring_init(void)
{
    _Static_assert(RX_RING * sizeof(struct rx_desc) <= ND_PAGE, "a ring fits one page");
    _Static_assert(TX_RING * sizeof(struct tx_desc) <= ND_PAGE, "a ring fits one page");
    _Static_assert(ND_PAGE % BUF_SIZE == 0, "no buffer crosses a page");
    int r = rx_init();

    return r < 0 ? r : tx_init();
}

/* ---- transmit ---- */

/* Take back the descriptors the device has finished with. */
void ring_tx_reclaim(void)
{
    while (e1000.tx_clean != e1000.tx_tail) {
        volatile struct tx_desc *d = &e1000.tx[e1000.tx_clean];
        if (!(d->status & TXS_DD))
            break;
        if (d->status & (TXS_EC | TXS_LC))
            netdriver_stats()->out_errors++;
        e1000.tx_clean = (e1000.tx_clean + 1) % TX_RING;
    }
}

static bool tx_full(void)
{
    return (e1000.tx_tail + 1) % TX_RING == e1000.tx_clean;
}

/* A full ring asks for TXDW until it has room again, so the frames
 * waiting for it go on the device's word rather than the next poll. */
void *ring_tx_buffer(void)
{
    if (tx_full())
        ring_tx_reclaim();
    if (tx_full()) {
        reg_write(REG_IMS, INT_TXDW);
        return NULL;
    }
    return e1000.tx_buf + (size_t)e1000.tx_tail * BUF_SIZE;
}

/* The buffer i commits ahead, if the ring has room for i + 1 more frames
 * (no reclaim here: ring_tx_buffer does that when it finds the ring full). */
void *ring_tx_buffer_ahead(unsigned i)
{
    unsigned used = (e1000.tx_tail + TX_RING - e1000.tx_clean) % TX_RING;

    if (used + i + 1 > TX_RING - 1) /* one slot always stays empty */
        return NULL;
    return e1000.tx_buf + (size_t)((e1000.tx_tail + i) % TX_RING) * BUF_SIZE;
}

void ring_tx_commit(size_t len)
{
    volatile struct tx_desc *d = &e1000.tx[e1000.tx_tail];

    d->length = (uint16_t)len;
    d->cso = 0;
    d->cmd = TXC_EOP | TXC_IFCS | TXC_RS;
    d->status = 0;
    d->css = 0;
    d->special = 0;
    e1000.tx_tail = (e1000.tx_tail + 1) % TX_RING;
}

/* ---- receive ---- */

/* Give descriptor i back to the device (at the next ring_flush). */
static void rx_recycle(unsigned i)
{
    e1000.rx[i].status = 0;
    e1000.rx[i].errors = 0;
    e1000.rx[i].length = 0;
    e1000.rx_give = i;
    e1000.rx_given = true;
    e1000.rx_next = (i + 1) % RX_RING;
}

int ring_rx_next(const void **frame)
{
    for (;;) {
        unsigned i = e1000.rx_next;
        volatile struct rx_desc *d = &e1000.rx[i];
        uint8_t status = d->status;
        if (!(status & RXS_DD))
            return 0;
        nd_barrier();
        if (e1000.rx_discarding) {
            /* the rest of an over-long frame, already counted */
            e1000.rx_discarding = !(status & RXS_EOP);
            rx_recycle(i);
            continue;
        }
        if (!(status & RXS_EOP)) {
            e1000.rx_discarding = true; /* its first piece: one error, rx_done recycles */
            return -EIO;
        }
        uint16_t len = d->length;
        if ((d->errors & RXE_BAD) || len == 0 || len > BUF_SIZE)
            return -EIO;
        *frame = e1000.rx_buf + (size_t)i * BUF_SIZE;
        return len;
    }
}

void ring_rx_done(void)
{
    rx_recycle(e1000.rx_next);
}

/* The doorbells, once per batch: each register write is a trip into the
 * emulator (a VM exit on hardware), and TDT's starts the device's whole
 * transmit loop. */
void ring_flush(void)
{
    nd_barrier();
    if (e1000.tx_tail != e1000.tx_told) {
        e1000.tx_told = e1000.tx_tail;
        reg_write(REG_TDT, e1000.tx_tail);
    }
    if (e1000.rx_given) {
        e1000.rx_given = false;
        reg_write(REG_RDT, e1000.rx_give);
    }
}
