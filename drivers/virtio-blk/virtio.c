/*
 * The legacy virtio PCI transport and a split virtqueue. Start-up follows
 * the spec's order: reset, ACKNOWLEDGE, DRIVER, features, queue set-up,
 * DRIVER_OK. The queue's memory must be physically contiguous because the
 * legacy interface takes one page number for all of it.
 */
#include <string.h>
#include "virtio.h"

#define QUEUE_ALIGN BDR_PAGE

static size_t align_up(size_t n, size_t a)
{
    return (n + a - 1) / a * a;
}

static void barrier(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void virtio_reset(struct virtio_dev *v)
{
    port_out8(v->io + VIRTIO_STATUS, 0);
    port_out8(v->io + VIRTIO_STATUS, STATUS_ACKNOWLEDGE);
    port_out8(v->io + VIRTIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
}

uint32_t virtio_negotiate(struct virtio_dev *v, uint32_t want)
{
    uint32_t offered = port_in32(v->io + VIRTIO_DEVICE_FEATURES);

    port_out32(v->io + VIRTIO_DRIVER_FEATURES, offered & want);
    return offered;
}

/* Bytes of a legacy queue of n entries: descriptors and available ring,
 * aligned, then the used ring, aligned. */
static size_t queue_bytes(uint16_t n, size_t *used_off)
{
    *used_off = align_up(sizeof(struct virtq_desc) * n + 6 + 2u * n, QUEUE_ALIGN);
    return *used_off + align_up(6 + sizeof(struct virtq_used_elem) * n, QUEUE_ALIGN);
}

int virtio_queue_init(struct virtio_dev *v)
{
    struct virtq *q = &v->vq;
    size_t used_off;

    port_out16(v->io + VIRTIO_QUEUE_SELECT, 0);
    uint16_t n = port_in16(v->io + VIRTIO_QUEUE_SIZE);
    if (n == 0 || n > VIRTQ_MAX || (n & (n - 1)))
        return -EIO;
    size_t bytes = queue_bytes(n, &used_off);
    if (!q->mem.virt) {
        int r = dma_alloc_contig(&q->mem, bytes);
        if (r < 0)
            return r;
    } else if (q->mem.size < bytes) {
        return -EIO; /* the device changed its mind about the size */
    }
    memset(q->mem.virt, 0, q->mem.size);
    q->size = n;
    q->desc = (volatile struct virtq_desc *)q->mem.virt;
    q->avail = (volatile struct virtq_avail *)(q->mem.virt + sizeof(struct virtq_desc) * n);
    q->used = (volatile struct virtq_used *)(q->mem.virt + used_off);
    q->last_used = 0;
    port_out32(v->io + VIRTIO_QUEUE_PFN, (uint32_t)(q->mem.pages[0] / QUEUE_ALIGN));
    return 0;
}

void virtio_ready(struct virtio_dev *v)
{
    port_out8(v->io + VIRTIO_STATUS, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_DRIVER_OK);
}

void virtio_fail(struct virtio_dev *v)
{
    port_out8(v->io + VIRTIO_STATUS, STATUS_FAILED);
}

void virtio_submit(struct virtio_dev *v, uint16_t head)
{
    struct virtq *q = &v->vq;
    uint16_t idx = q->avail->idx;

    q->avail->ring[idx % q->size] = head;
    barrier();
    q->avail->idx = (uint16_t)(idx + 1);
    barrier();
    port_out16(v->io + VIRTIO_QUEUE_NOTIFY, 0);
}

bool virtio_take_used(struct virtio_dev *v, uint32_t *id)
{
    struct virtq *q = &v->vq;

    (void)port_in8(v->io + VIRTIO_ISR);
    barrier();
    if (q->used->idx == q->last_used)
        return false;
    *id = q->used->ring[q->last_used % q->size].id;
    q->last_used++;
    return true;
}

uint8_t virtio_config8(const struct virtio_dev *v, unsigned off)
{
    return port_in8(v->io + VIRTIO_CONFIG + off);
}

uint32_t virtio_config32(const struct virtio_dev *v, unsigned off)
{
    return port_in32(v->io + VIRTIO_CONFIG + off);
}

uint64_t virtio_config64(const struct virtio_dev *v, unsigned off)
{
    return virtio_config32(v, off) | (uint64_t)virtio_config32(v, off + 4) << 32;
}
