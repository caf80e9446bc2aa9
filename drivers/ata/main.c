/*
 * ata: the block driver for ATA disks on a PCI IDE controller, such as
 * the PIIX3 of QEMU's pc machine (a disk given with -drive file=...,
 * format=raw is its primary master). Transfers use bus-master DMA;
 * IDENTIFY uses PIO.
 *
 *   ata [drive=N] [label=NAME] [pci=EP] [nods]
 *
 * N is 0-3: primary master, primary slave, secondary master, secondary
 * slave; without it the first ATA disk found is served. The controller is
 * claimed from the PCI bus driver, which grants its bus-master ports and,
 * for channels in compatibility mode, the ISA ports and IRQs 14 and 15.
 */
#include <stdlib.h>
#include <string.h>
#include "ata.h"

#define CLASS_STORAGE          0x01
#define SUBCLASS_IDE           0x01
#define PROGIF_NATIVE(channel) (1u << (2 * (channel)))
#define BM_BAR                 4
#define NO_DRIVE               (-1)

struct ata_drive drive;

static struct blockdriver driver = {
    .transfer = ata_transfer,
    .reset = ata_reset,
    .interrupt = ata_interrupt,
};

static int claim_controller(uint32_t *id)
{
    for (int index = 0;; index++) {
        int r = pci_find(PCI_ANY, PCI_ANY, CLASS_STORAGE, SUBCLASS_IDE, index, id);
        if (r < 0)
            return r;
        r = pci_claim(*id);
        if (r != -EBUSY)
            return r;
    }
}

static int bar_io(uint32_t id, int bar, uint16_t *base)
{
    uint64_t b, len;
    uint32_t flags;
    int r = pci_get_bar(id, bar, &b, &len, &flags);

    if (r < 0)
        return r;
    if (!(flags & PCI_BAR_IO))
        return -ENODEV;
    *base = (uint16_t)b;
    return 0;
}

/* The ports and line of one channel, in compatibility or native mode. */
static int channel_ports(uint32_t id, const struct pci_info *info, int channel, struct ata_drive *d)
{
    static const uint16_t legacy_cmd[] = { 0x1F0, 0x170 }, legacy_ctl[] = { 0x3F6, 0x376 };
    static const int legacy_irq[] = { 14, 15 };
    int r = bar_io(id, BM_BAR, &d->bm);

    if (r < 0)
        return r;
    d->bm = (uint16_t)(d->bm + 8 * channel);
    if (!(info->progif & PROGIF_NATIVE(channel))) {
        d->cmd = legacy_cmd[channel];
        d->ctl = legacy_ctl[channel];
        d->irq = legacy_irq[channel];
        return 0;
    }
    r = bar_io(id, 2 * channel, &d->cmd);
    if (r == 0)
        r = bar_io(id, 2 * channel + 1, &d->ctl);
    d->ctl = (uint16_t)(d->ctl + 2);
    d->irq = info->irq;
    return r < 0 ? r : info->irq < 0 ? -ENODEV : 0;
}

static int probe(uint32_t id, const struct pci_info *info, int n)
{
    struct ata_drive d;

    memset(&d, 0, sizeof(d));
    d.slave = n & 1;
    int r = channel_ports(id, info, n / 2, &d);
    if (r == 0)
        r = ata_identify(&d);
    if (r == 0)
        drive = d;
    return r;
}

/* The drive=N option, or NO_DRIVE. */
static int drive_option(int argc, char **argv)
{
    for (int i = 1; i <= argc; i++)
        if (strncmp(argv[i], "drive=", 6) == 0)
            return atoi(argv[i] + 6) & 3;
    return NO_DRIVE;
}

static int set_up(int want)
{
    struct pci_info info;
    uint32_t id;
    int r = pci_connect();

    if (r == 0)
        r = claim_controller(&id);
    if (r == 0)
        r = pci_get_info(id, &info);
    if (r == 0)
        r = pci_enable(id, PCI_EN_IO | PCI_EN_MASTER);
    if (r < 0)
        return r;
    r = -ENODEV;
    for (int n = 0; n < 4 && r < 0; n++)
        if (want == NO_DRIVE || want == n)
            r = probe(id, &info, n);
    if (r == 0)
        r = ata_io_init();
    if (r == 0)
        r = bdr_irq_attach(drive.irq);
    return r;
}

int main(int argc, char **argv)
{
    int extra = bdr_options(argc, argv, "ata");
    int r = set_up(drive_option(extra, argv));

    if (r == -ENOENT || r == -ENODEV)
        srv_no_device("no ATA disk to drive");
    if (r < 0)
        srv_panic("cannot set up the ATA disk (error %d)", r);
    bdr_log("%s disk \"%s\" on io %#x irq %d, %s", drive.slave ? "slave" : "master", drive.model,
            drive.cmd, drive.irq, drive.lba48 ? "LBA48" : "LBA28");
    driver.label = bdr_opts.label;
    driver.sectors = drive.sectors;
    driver.max_sectors = drive.lba48 ? 65536 : 256;
    bdr_run(&driver);
}
