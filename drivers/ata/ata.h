/*
 * ATA on a PCI IDE controller: registers (ATA/ATAPI-8, the command block
 * and control block of a channel), the bus-master DMA registers (the
 * PIIX's BAR 4: 8 bytes per channel), and the driver's view of its one
 * drive.
 */
#ifndef ATA_H
#define ATA_H

#include "blockdriver.h"

/* Command block, as offsets from the channel's command base. */
#define REG_DATA    0
#define REG_ERROR   1
#define REG_FEATURE 1
#define REG_COUNT   2
#define REG_LBA0    3
#define REG_LBA1    4
#define REG_LBA2    5
#define REG_DEVICE  6
#define REG_STATUS  7
#define REG_COMMAND 7

/* Status. */
#define ST_ERR  0x01
#define ST_DRQ  0x08
#define ST_DF   0x20
#define ST_DRDY 0x40
#define ST_BSY  0x80

/* Device control (the control block's only writable register). */
#define CTL_NIEN 0x02
#define CTL_SRST 0x04

#define DEV_LBA   0x40
#define DEV_SLAVE 0x10
#define DEV_OBS   0xA0 /* bits 7 and 5: set by old convention */

#define CMD_READ_DMA      0xC8
#define CMD_WRITE_DMA     0xCA
#define CMD_READ_DMA_EXT  0x25
#define CMD_WRITE_DMA_EXT 0x35
#define CMD_IDENTIFY      0xEC

/* Bus master, as offsets from the channel's bus-master base. */
#define BM_COMMAND 0
#define BM_STATUS  2
#define BM_PRDT    4

#define BM_CMD_START 0x01
#define BM_CMD_READ  0x08 /* the controller writes memory: a read from disk */
#define BM_ST_ACTIVE 0x01
#define BM_ST_ERROR  0x02
#define BM_ST_IRQ    0x04
#define BM_ST_KEEP   0x60 /* drive DMA-capable bits, written back as read */

#define PRD_EOT       0x8000
#define PRD_MAX_BYTES 65536

/* The channel and drive this driver serves. */
struct ata_drive {
    uint16_t cmd, ctl, bm; /* command block, control block, bus master bases */
    int irq;
    bool slave;
    bool lba48;
    uint64_t sectors;
    char model[41];
};

extern struct ata_drive drive;

/* identify.c: find an ATA disk at (channel ports, slave); 0 or -ENODEV. */
int ata_identify(struct ata_drive *d);

/* io.c */
int ata_io_init(void);
int ata_transfer(bool write, uint64_t lba, size_t count, const struct dma_buf *buf, size_t off);
void ata_reset(void);
void ata_interrupt(uint64_t irqs);

static inline uint8_t ata_status(const struct ata_drive *d)
{
    return port_in8(d->cmd + REG_STATUS); /* reading it clears the drive's INTRQ */
}

static inline uint8_t ata_alt_status(const struct ata_drive *d)
{
    return port_in8(d->ctl); /* the same, without side effects */
}

#endif
