/*
 * Virtio over PCI, the legacy interface (virtio 1.x spec, section 4.1.4.8):
 * a block of registers in I/O BAR0, and virtqueues in the split layout
 * (section 2.6) whose descriptor table, available ring and used ring lie
 * in one physically contiguous area the device is given by page number.
 * Nothing here is specific to networking.
 */
#ifndef VIRTIO_H
#define VIRTIO_H

#include "netdriver.h"

/* Legacy registers, offsets into BAR0 (MSI-X off: device config at 0x14). */
#define VIRTIO_HOST_FEATURES  0x00 /* 32 */
#define VIRTIO_GUEST_FEATURES 0x04 /* 32 */
#define VIRTIO_QUEUE_PFN      0x08 /* 32: the queue's page number */
#define VIRTIO_QUEUE_SIZE     0x0C /* 16 */
#define VIRTIO_QUEUE_SEL      0x0E /* 16 */
#define VIRTIO_QUEUE_NOTIFY   0x10 /* 16 */
#define VIRTIO_STATUS         0x12 /* 8 */
#define VIRTIO_ISR            0x13 /* 8: read clears */
#define VIRTIO_CONFIG         0x14

#define STATUS_ACKNOWLEDGE 0x01
#define STATUS_DRIVER      0x02
#define STATUS_DRIVER_OK   0x04
#define STATUS_FAILED      0x80

#define ISR_QUEUE  0x1
#define ISR_CONFIG 0x2

#define VRING_DESC_F_NEXT          1
#define VRING_DESC_F_WRITE         2
#define VRING_AVAIL_F_NO_INTERRUPT 1
#define VRING_USED_F_NO_NOTIFY     1
#define VRING_ALIGN                4096
#define VQ_MAX_SIZE                1024 /* larger queues are refused: memory */

struct vring_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};

struct vring_used_elem {
    uint32_t id;
    uint32_t len;
};

/* One virtqueue as the driver sees it. */
struct virtq {
    unsigned index;
    unsigned size; /* entries; a power of two */
    volatile struct vring_desc *desc;
    volatile uint16_t *avail_flags, *avail_idx, *avail_ring;
    volatile uint16_t *used_flags, *used_idx;
    volatile struct vring_used_elem *used_ring;
    uint16_t next_avail; /* our copy of avail_idx */
    uint16_t next_used;  /* the next used entry to look at */
};

struct virtio_dev {
    unsigned io; /* BAR0's first port */
};

int virtio_start(struct virtio_dev *v, const struct nd_device *dev);
uint32_t virtio_negotiate(struct virtio_dev *v, uint32_t wanted);
int virtio_queue_setup(struct virtio_dev *v, struct virtq *q, unsigned index);
void virtio_ready(struct virtio_dev *v);
void virtio_reset(struct virtio_dev *v);
bool virtio_broken(struct virtio_dev *v);
unsigned virtio_isr(struct virtio_dev *v);
uint8_t virtio_config8(struct virtio_dev *v, unsigned off);
uint16_t virtio_config16(struct virtio_dev *v, unsigned off);

/* Make chain head visible to the device (and tell it, unless it asked not to). */
void virtq_push(struct virtio_dev *v, struct virtq *q, uint16_t head);
/* The oldest chain the device has finished, without taking it: true with
 * its head and the bytes the device wrote; false when there is none. */
bool virtq_peek(const struct virtq *q, uint32_t *head, uint32_t *len);
/* Take the entry virtq_peek showed. */
void virtq_take(struct virtq *q);

#endif
