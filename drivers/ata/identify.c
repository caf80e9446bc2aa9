/*
 * Finding the disk: select the drive, send IDENTIFY DEVICE with the
 * channel's interrupt turned off (nIEN), poll until the drive is no
 * longer busy, and read the 256 words of its answer by PIO. A channel
 * with nothing attached reads status 0 (QEMU) or 0xFF (a floating bus); a
 * packet device (ATAPI) or a SATA bridge puts its signature in the LBA
 * registers and aborts the command: neither is an ATA disk.
 */
#include <string.h>
#include "ata.h"

#define IDENTIFY_TIMEOUT (2000 * MS)
#define POLL_INTERVAL    (1 * MS)

#define ID_CAPABILITIES 49
#define ID_LBA28        60
#define ID_FEATURES83   83
#define ID_LBA48        100
#define ID_MODEL        27
#define CAP_LBA         (1u << 9)
#define CAP_DMA         (1u << 8)
#define F83_LBA48       (1u << 10)

static void settle(const struct ata_drive *d)
{
    for (int i = 0; i < 4; i++)
        (void)ata_alt_status(d); /* 400 ns for the drive to show its status */
}

static bool not_busy(void *arg)
{
    return !(ata_alt_status(arg) & ST_BSY);
}

static bool data_or_error(void *arg)
{
    return (ata_alt_status(arg) & (ST_DRQ | ST_ERR)) != 0;
}

static void read_model(struct ata_drive *d, const uint16_t *id)
{
    for (int i = 0; i < 20; i++) {
        d->model[2 * i] = (char)(id[ID_MODEL + i] >> 8);
        d->model[2 * i + 1] = (char)id[ID_MODEL + i];
    }
    d->model[40] = '\0';
    for (int i = 39; i >= 0 && d->model[i] == ' '; i--)
        d->model[i] = '\0';
}

static int read_identify(struct ata_drive *d, uint16_t *id)
{
    uint8_t st;

    port_out8(d->ctl, CTL_NIEN);
    port_out8(d->cmd + REG_DEVICE, DEV_OBS | (d->slave ? DEV_SLAVE : 0));
    settle(d);
    st = ata_status(d);
    if (st == 0 || st == 0xFF)
        return -ENODEV;
    for (int r = REG_COUNT; r <= REG_LBA2; r++)
        port_out8(d->cmd + r, 0);
    port_out8(d->cmd + REG_COMMAND, CMD_IDENTIFY);
    settle(d);
    if (ata_alt_status(d) == 0 || bdr_poll(not_busy, d, POLL_INTERVAL, IDENTIFY_TIMEOUT) < 0)
        return -ENODEV;
    if (port_in8(d->cmd + REG_LBA1) || port_in8(d->cmd + REG_LBA2))
        return -ENODEV;
    if (bdr_poll(data_or_error, d, POLL_INTERVAL, IDENTIFY_TIMEOUT) < 0 ||
        (ata_alt_status(d) & ST_ERR))
        return -ENODEV;
    for (int i = 0; i < 256; i++)
        id[i] = port_in16(d->cmd + REG_DATA);
    (void)ata_status(d);
    return 0;
}

int ata_identify(struct ata_drive *d)
{
    uint16_t id[256];
    int r = read_identify(d, id);

    port_out8(d->ctl, 0); /* interrupts back on */
    if (r < 0)
        return r;
    if (!(id[ID_CAPABILITIES] & CAP_LBA) || !(id[ID_CAPABILITIES] & CAP_DMA))
        return -ENODEV; /* CHS-only or PIO-only drives are not supported */
    d->lba48 = (id[ID_FEATURES83] & F83_LBA48) != 0;
    if (d->lba48) {
        d->sectors = 0;
        for (int i = 3; i >= 0; i--)
            d->sectors = d->sectors << 16 | id[ID_LBA48 + i];
    } else {
        d->sectors = (uint32_t)id[ID_LBA28] | (uint32_t)id[ID_LBA28 + 1] << 16;
    }
    read_model(d, id);
    return d->sectors ? 0 : -ENODEV;
}
