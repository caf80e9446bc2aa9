/*
 * Frames in and out. Receive chains are all handed to the device at
 * start-up and handed back, one by one, as the library takes their frames.
 * Transmit chains wait on a free list; a sent chain comes back through the
 * used ring, which we read only when we need room (we ask the device not
 * to interrupt for sends). The device's word on which chain it used is
 * checked before it is believed.
 */
#include "virtio_net.h"

static uint64_t phys(const uint8_t *base, unsigned i, unsigned stride)
{
    return nd_dma_phys(base + (size_t)i * stride);
}

/* Write chain c's two descriptors. */
static void set_chain(struct virtq *q, unsigned c, uint64_t hdr, uint64_t buf, uint32_t len,
                      uint16_t write)
{
    q->desc[2 * c] =
        (struct vring_desc){ hdr, NET_HDR, VRING_DESC_F_NEXT | write, (uint16_t)(2 * c + 1) };
    q->desc[2 * c + 1] = (struct vring_desc){ buf, len, write, 0 };
}

static void rx_give(unsigned c)
{
    set_chain(&vnet.rx, c, phys(vnet.rx_hdr, c, HDR_STRIDE), phys(vnet.rx_buf, c, BUF_SIZE),
              BUF_SIZE, VRING_DESC_F_WRITE);
    virtq_push(&vnet.dev, &vnet.rx, (uint16_t)(2 * c));
}

static unsigned chains(const struct virtq *q)
{
    return q->size / 2 < MAX_CHAINS ? q->size / 2 : MAX_CHAINS;
}

int rxtx_init(void)
{
    _Static_assert(MAX_CHAINS * HDR_STRIDE <= ND_PAGE, "headers fit one page");
    _Static_assert(ND_PAGE % BUF_SIZE == 0, "no buffer crosses a page");
    vnet.rx_chains = chains(&vnet.rx);
    vnet.tx_chains = chains(&vnet.tx);
    vnet.rx_hdr = nd_dma_alloc(ND_PAGE);
    vnet.tx_hdr = nd_dma_alloc(ND_PAGE);
    vnet.rx_buf = nd_dma_alloc((size_t)vnet.rx_chains * BUF_SIZE);
    vnet.tx_buf = nd_dma_alloc((size_t)vnet.tx_chains * BUF_SIZE);
    if (!vnet.rx_hdr || !vnet.tx_hdr || !vnet.rx_buf || !vnet.tx_buf)
        return -ENOMEM;
    *vnet.tx.avail_flags = VRING_AVAIL_F_NO_INTERRUPT;
    for (unsigned c = 0; c < vnet.tx_chains; c++) {
        vnet.tx_free[vnet.tx_nfree++] = (uint16_t)c;
        vnet.tx_busy[c] = false;
    }
    for (unsigned c = 0; c < vnet.rx_chains; c++)
        rx_give(c);
    return 0;
}

/* ---- transmit ---- */

void rxtx_tx_reclaim(void)
{
    uint32_t head, len;

    while (virtq_peek(&vnet.tx, &head, &len)) {
        virtq_take(&vnet.tx);
        unsigned c = head / 2;
        if ((head & 1) || c >= vnet.tx_chains || !vnet.tx_busy[c]) {
            netdriver_stats()->out_errors++; /* the device named a chain it does not have */
            continue;
        }
        vnet.tx_busy[c] = false;
        vnet.tx_free[vnet.tx_nfree++] = (uint16_t)c;
    }
}

void *rxtx_tx_buffer(void)
{
    if (vnet.tx_nfree == 0)
        rxtx_tx_reclaim();
    if (vnet.tx_nfree == 0)
        return NULL;
    return vnet.tx_buf + (size_t)vnet.tx_free[vnet.tx_nfree - 1] * BUF_SIZE;
}

void rxtx_tx_commit(size_t len)
{
    unsigned c = vnet.tx_free[--vnet.tx_nfree];

    vnet.tx_busy[c] = true;
    set_chain(&vnet.tx, c, phys(vnet.tx_hdr, c, HDR_STRIDE), phys(vnet.tx_buf, c, BUF_SIZE),
              (uint32_t)len, 0);
    virtq_push(&vnet.dev, &vnet.tx, (uint16_t)(2 * c));
}

/* ---- receive ---- */

int rxtx_rx_next(const void **frame)
{
    uint32_t head, len;

    if (!virtq_peek(&vnet.rx, &head, &len))
        return 0;
    unsigned c = head / 2;
    if ((head & 1) || c >= vnet.rx_chains) {
        vnet.rx_cur = -1;
        return -EIO;
    }
    vnet.rx_cur = (int)c;
    if (len <= NET_HDR || len > NET_HDR + BUF_SIZE)
        return -EIO;
    *frame = vnet.rx_buf + (size_t)c * BUF_SIZE;
    return (int)(len - NET_HDR);
}

void rxtx_rx_done(void)
{
    virtq_take(&vnet.rx);
    if (vnet.rx_cur >= 0)
        rx_give((unsigned)vnet.rx_cur);
}
