/*
 * The legacy virtio PCI transport (virtio 1.x spec, section 4.1.4.8) and
 * one split virtqueue. The device's registers are in I/O BAR 0; the
 * queue is one physically contiguous area whose page number the device is
 * told, laid out as descriptors, the available ring, padding to a page,
 * then the used ring.
 */
#ifndef VIRTIO_H
#define VIRTIO_H

#include "blockdriver.h"

/* Registers, as offsets into BAR 0. */
#define VIRTIO_DEVICE_FEATURES 0x00
#define VIRTIO_DRIVER_FEATURES 0x04
#define VIRTIO_QUEUE_PFN       0x08
#define VIRTIO_QUEUE_SIZE      0x0C
#define VIRTIO_QUEUE_SELECT    0x0E
#define VIRTIO_QUEUE_NOTIFY    0x10
#define VIRTIO_STATUS          0x12
#define VIRTIO_ISR             0x13
#define VIRTIO_CONFIG          0x14 /* device-specific, without MSI-X */

#define STATUS_ACKNOWLEDGE 0x01
#define STATUS_DRIVER      0x02
#define STATUS_DRIVER_OK   0x04
#define STATUS_FAILED      0x80

#define DESC_NEXT  0x1
#define DESC_WRITE 0x2 /* the device writes this buffer */

#define VIRTQ_MAX 1024 /* the largest queue we accept */

struct virtq_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};

struct virtq_avail {
    uint16_t flags;
    uint16_t idx;
    uint16_t ring[];
};

struct virtq_used_elem {
    uint32_t id;
    uint32_t len;
};

struct virtq_used {
    uint16_t flags;
    uint16_t idx;
    struct virtq_used_elem ring[];
};

struct virtq {
    uint16_t size;
    volatile struct virtq_desc *desc;
    volatile struct virtq_avail *avail;
    volatile struct virtq_used *used;
    uint16_t last_used; /* the used index we have seen */
    struct dma_buf mem;
};

struct virtio_dev {
    uint16_t io; /* BAR 0 */
    struct virtq vq;
};

/* Reset the device and say hello; then negotiate features (returns the
 * device's; accepts want & device's). */
void virtio_reset(struct virtio_dev *v);
uint32_t virtio_negotiate(struct virtio_dev *v, uint32_t want);

/* Set up queue 0 (allocating its memory the first time). */
int virtio_queue_init(struct virtio_dev *v);
void virtio_ready(struct virtio_dev *v);
void virtio_fail(struct virtio_dev *v);

/* Offer the chain that starts at descriptor head, and tell the device. */
void virtio_submit(struct virtio_dev *v, uint16_t head);

/* Has the device used a chain since the last call? Reads (and so
 * acknowledges) the ISR first. */
bool virtio_take_used(struct virtio_dev *v, uint32_t *id);

uint8_t virtio_config8(const struct virtio_dev *v, unsigned off);
uint32_t virtio_config32(const struct virtio_dev *v, unsigned off);
uint64_t virtio_config64(const struct virtio_dev *v, unsigned off);

#endif
