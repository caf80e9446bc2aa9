/*
 * virtio-blk: the block driver for virtio disks (QEMU's -drive if=virtio),
 * through the legacy (transitional) PCI interface.
 *
 *   virtio-blk [label=NAME] [pci=EP] [nods]
 *
 * It finds the first virtio block function nobody has claimed, claims it
 * from the PCI bus driver (which gives us its I/O ports and interrupt
 * line), and serves the BDEV protocol through libblockdriver.
 */
#include "blk.h"

#define VIRTIO_VENDOR     0x1AF4
#define VIRTIO_BLK_LEGACY 0x1001

static struct blockdriver driver = {
    .transfer = blk_transfer,
    .reset = blk_reset,
    .interrupt = blk_interrupt,
};

/* The first virtio-blk function we can claim. */
static int claim_device(uint32_t *id)
{
    for (int index = 0;; index++) {
        int r = pci_find(VIRTIO_VENDOR, VIRTIO_BLK_LEGACY, -1, -1, index, id);
        if (r < 0)
            return r;
        r = pci_claim(*id);
        if (r != -EBUSY)
            return r;
    }
}

static int set_up(void)
{
    struct pci_info info;
    uint64_t base, len;
    uint32_t id, flags;
    int r = pci_connect();

    if (r == 0)
        r = claim_device(&id);
    if (r == 0)
        r = pci_get_info(id, &info);
    if (r == 0)
        r = pci_get_bar(id, 0, &base, &len, &flags);
    if (r < 0)
        return r;
    if (!(flags & PCI_BAR_IO) || info.irq < 0)
        return -ENODEV;
    r = pci_enable(id, PCI_EN_IO | PCI_EN_MASTER);
    if (r == 0)
        r = bdr_irq_attach(info.irq);
    if (r == 0)
        r = blk_init((uint16_t)base, &driver);
    return r;
}

int main(int argc, char **argv)
{
    bdr_options(argc, argv, "virtio-blk");
    driver.label = bdr_opts.label;
    int r = set_up();
    if (r == -ENOENT || r == -ENODEV)
        srv_no_device("no virtio block device to drive");
    if (r < 0)
        srv_panic("cannot set up the virtio block device (error %d)", r);
    bdr_run(&driver);
}
