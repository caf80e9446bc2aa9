/*
 * The legacy virtio PCI transport and split virtqueues.
 *
 * Start-up follows the spec's order: reset, ACKNOWLEDGE, DRIVER, feature
 * negotiation, the queues, DRIVER_OK. A legacy device takes each queue as
 * one page number, so the queue's three parts must be physically
 * contiguous: they come from nd_dma_alloc_contig().
 *
 * The rings are shared with the device: every index the device writes is
 * read once and checked before use, since a broken device must not make
 * the driver wander outside its arrays.
 */
#include "virtio.h"

static unsigned ring_bytes(unsigned size, unsigned *used_off)
{
    unsigned avail_end = size * sizeof(struct vring_desc) + 2 * (3 + size);

    *used_off = (avail_end + VRING_ALIGN - 1) & ~(VRING_ALIGN - 1u);
    return *used_off + 2 * 3 + size * sizeof(struct vring_used_elem);
}

int virtio_start(struct virtio_dev *v, const struct nd_device *dev)
{
    uint64_t base, len;
    uint32_t flags;
    int r = nd_pci_bar(dev, 0, &base, &len, &flags);

    if (r < 0)
        return r;
    if (!(flags & PCI_BAR_IO) || base + len > 0x10000 || len < VIRTIO_CONFIG)
        return -ENOENT;
    r = nd_pci_enable(dev, PCI_EN_IO | PCI_EN_MASTER);
    if (r < 0)
        return r;
    v->io = (unsigned)base;
    virtio_reset(v);
    if (nd_in(v->io + VIRTIO_STATUS, 1) != 0)
        return -EIO; /* the reset did not take: no device answers here */
    nd_out(v->io + VIRTIO_STATUS, 1, STATUS_ACKNOWLEDGE);
    nd_out(v->io + VIRTIO_STATUS, 1, STATUS_ACKNOWLEDGE | STATUS_DRIVER);
    return 0;
}

/* Accept the wanted features the device offers; returns them. */
uint32_t virtio_negotiate(struct virtio_dev *v, uint32_t wanted)
{
    uint32_t have = nd_in(v->io + VIRTIO_HOST_FEATURES, 4) & wanted;

    nd_out(v->io + VIRTIO_GUEST_FEATURES, 4, have);
    return have;
}

int virtio_queue_setup(struct virtio_dev *v, struct virtq *q, unsigned index)
{
    unsigned used_off;
    uint64_t phys;

    nd_out(v->io + VIRTIO_QUEUE_SEL, 2, index);
    unsigned size = nd_in(v->io + VIRTIO_QUEUE_SIZE, 2);
    if (size == 0 || size > VQ_MAX_SIZE || (size & (size - 1)))
        return -ENOENT;
    uint8_t *mem = nd_dma_alloc_contig(ring_bytes(size, &used_off), &phys);
    if (!mem)
        return -ENOMEM;
    if ((phys >> 12) > 0xFFFFFFFFu)
        return -ENOMEM; /* beyond what the 32-bit page number reaches */
    q->index = index;
    q->size = size;
    q->desc = (volatile struct vring_desc *)mem;
    volatile uint16_t *avail = (volatile uint16_t *)(mem + size * sizeof(struct vring_desc));
    q->avail_flags = &avail[0];
    q->avail_idx = &avail[1];
    q->avail_ring = &avail[2];
    volatile uint16_t *used = (volatile uint16_t *)(mem + used_off);
    q->used_flags = &used[0];
    q->used_idx = &used[1];
    q->used_ring = (volatile struct vring_used_elem *)&used[2];
    q->next_avail = q->next_used = 0;
    nd_out(v->io + VIRTIO_QUEUE_PFN, 4, (uint32_t)(phys >> 12));
    return 0;
}

void virtio_ready(struct virtio_dev *v)
{
    nd_out(v->io + VIRTIO_STATUS, 1, STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_DRIVER_OK);
}

/* Writing 0 resets the device: it forgets the queues and stops DMA. */
void virtio_reset(struct virtio_dev *v)
{
    nd_out(v->io + VIRTIO_STATUS, 1, 0);
}

/* Gone (all ones), failed, or reset behind our back. */
bool virtio_broken(struct virtio_dev *v)
{
    uint32_t s = nd_in(v->io + VIRTIO_STATUS, 1);

    return s == 0xFF || (s & STATUS_FAILED) || !(s & STATUS_DRIVER_OK);
}

unsigned virtio_isr(struct virtio_dev *v)
{
    return nd_in(v->io + VIRTIO_ISR, 1);
}

uint8_t virtio_config8(struct virtio_dev *v, unsigned off)
{
    return (uint8_t)nd_in(v->io + VIRTIO_CONFIG + off, 1);
}

uint16_t virtio_config16(struct virtio_dev *v, unsigned off)
{
    return (uint16_t)nd_in(v->io + VIRTIO_CONFIG + off, 2);
}

void virtq_push(struct virtio_dev *v, struct virtq *q, uint16_t head)
{
    q->avail_ring[q->next_avail & (q->size - 1)] = head;
    nd_barrier();
    *q->avail_idx = ++q->next_avail;
    nd_barrier();
    if (!(*q->used_flags & VRING_USED_F_NO_NOTIFY))
        nd_out(v->io + VIRTIO_QUEUE_NOTIFY, 2, q->index);
}

bool virtq_peek(const struct virtq *q, uint32_t *head, uint32_t *len)
{
    if (*q->used_idx == q->next_used)
        return false;
    nd_barrier();
    volatile struct vring_used_elem *e = &q->used_ring[q->next_used & (q->size - 1)];
    *head = e->id;
    *len = e->len;
    return true;
}

void virtq_take(struct virtq *q)
{
    q->next_used++;
}
