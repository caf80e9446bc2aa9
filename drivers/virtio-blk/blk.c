/*
 * virtio-blk requests. One request is in flight at a time, always as the
 * same chain: descriptor 0 is the request header (type and sector),
 * descriptors 1..n the data, one per physically contiguous segment of the
 * DMA buffer, and the last the status byte the device writes. Completion
 * is interrupt-driven: the used ring's index moves and the device raises
 * its line; reading the ISR register acknowledges it.
 */
#include <inttypes.h>
#include <string.h>
#include "blk.h"

#define BLK_F_SIZE_MAX (1u << 1)
#define BLK_F_SEG_MAX  (1u << 2)
#define BLK_F_RO       (1u << 5)

#define CONFIG_CAPACITY 0x00
#define CONFIG_SIZE_MAX 0x08
#define CONFIG_SEG_MAX  0x0C

#define BLK_T_IN  0
#define BLK_T_OUT 1
#define BLK_S_OK  0

#define MAX_SEGS        130 /* data descriptors per request (QEMU offers 126) */
#define DMA_BYTES       (512 * 1024)
#define REQUEST_TIMEOUT (5000 * MS)

struct blk_header {
    uint32_t type;
    uint32_t reserved;
    uint64_t sector;
};

#define STATUS_OFFSET 16 /* the status byte, after the header in the same page */

static struct virtio_dev dev;
static struct dma_buf header_page;
static uint32_t features, size_max, seg_max;

static int start_device(void)
{
    virtio_reset(&dev);
    features = virtio_negotiate(&dev, BLK_F_SIZE_MAX | BLK_F_SEG_MAX | BLK_F_RO);
    int r = virtio_queue_init(&dev);
    if (r < 0) {
        virtio_fail(&dev);
        return r;
    }
    virtio_ready(&dev);
    return 0;
}

/* How many sectors one request may carry, given the segment limits. */
static size_t sectors_per_request(void)
{
    size_t segs = MAX_SEGS;

    if ((features & BLK_F_SEG_MAX) && seg_max > 0 && seg_max < segs)
        segs = seg_max;
    if ((size_t)dev.vq.size - 2 < segs)
        segs = (size_t)dev.vq.size - 2;
    size_t per_seg = size_max < BDR_PAGE ? size_max / BDR_SECTOR : BDR_PAGE / BDR_SECTOR;
    if (segs < 2 || per_seg == 0)
        return 0;
    return (segs - 1) * per_seg; /* -1: a start inside a page costs a segment */
}

int blk_init(uint16_t io, struct blockdriver *drv)
{
    dev.io = io;
    int r = dma_alloc(&header_page, BDR_PAGE);
    if (r == 0)
        r = start_device();
    if (r < 0)
        return r;
    size_max = features & BLK_F_SIZE_MAX ? virtio_config32(&dev, CONFIG_SIZE_MAX) : BDR_PAGE;
    seg_max = features & BLK_F_SEG_MAX ? virtio_config32(&dev, CONFIG_SEG_MAX) : MAX_SEGS;
    drv->sectors = virtio_config64(&dev, CONFIG_CAPACITY);
    drv->max_sectors = sectors_per_request();
    drv->dma_size = DMA_BYTES;
    if (drv->max_sectors == 0)
        return -EIO;
    bdr_log("virtio-blk at io %#x: queue of %u, seg_max %u, size_max %u%s", io, dev.vq.size,
            seg_max, size_max, features & BLK_F_RO ? ", read-only" : "");
    return 0;
}

static void set_desc(int i, uint64_t addr, uint32_t len, uint16_t flags, int next)
{
    volatile struct virtq_desc *d = &dev.vq.desc[i];

    d->addr = addr;
    d->len = len;
    d->flags = flags;
    d->next = (uint16_t)next;
}

static bool request_done(void *arg)
{
    uint32_t id;

    (void)arg;
    return virtio_take_used(&dev, &id);
}

int blk_transfer(bool write, uint64_t lba, size_t count, const struct dma_buf *buf, size_t off)
{
    struct dma_seg segs[MAX_SEGS];
    size_t max_seg = size_max ? size_max : BDR_PAGE;
    int n = dma_segments(buf, off, count * BDR_SECTOR, max_seg, 0, segs, MAX_SEGS);

    if (n < 0 || n > dev.vq.size - 2)
        return -EIO;
    if (write && (features & BLK_F_RO))
        return -EIO;
    struct blk_header *h = (struct blk_header *)header_page.virt;
    volatile uint8_t *status = header_page.virt + STATUS_OFFSET;
    h->type = write ? BLK_T_OUT : BLK_T_IN;
    h->reserved = 0;
    h->sector = lba;
    *status = 0xFF;
    uint64_t header_phys = header_page.pages[0];
    set_desc(0, header_phys, sizeof(*h), DESC_NEXT, 1);
    for (int i = 0; i < n; i++)
        set_desc(1 + i, segs[i].phys, (uint32_t)segs[i].len,
                 (uint16_t)(DESC_NEXT | (write ? 0 : DESC_WRITE)), 2 + i);
    set_desc(n + 1, header_phys + STATUS_OFFSET, 1, DESC_WRITE, 0);
    virtio_submit(&dev, 0);
    int r = bdr_wait(request_done, NULL, REQUEST_TIMEOUT);
    if (r < 0)
        return r;
    return *status == BLK_S_OK ? 0 : -EIO;
}

/* Start over: the device forgets the queue, we set it up anew. */
void blk_reset(void)
{
    if (start_device() < 0)
        bdr_log("reset failed");
}

/* A late interrupt: acknowledge it, drop any stale completion. */
void blk_interrupt(uint64_t irqs)
{
    uint32_t id;

    (void)irqs;
    while (virtio_take_used(&dev, &id))
        ;
}
