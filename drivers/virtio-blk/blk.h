/* The virtio-blk device on top of the virtio transport. */
#ifndef BLK_H
#define BLK_H

#include "virtio.h"

/* Set up the device at I/O base io; fills in the driver's capacity and
 * limits. */
int blk_init(uint16_t io, struct blockdriver *drv);

int blk_transfer(bool write, uint64_t lba, size_t count, const struct dma_buf *buf, size_t off);
void blk_reset(void);
void blk_interrupt(uint64_t irqs);

#endif
