/*
 * virtio-net: the driver for virtio network devices on PCI (QEMU's
 * virtio-net-pci, vendor 0x1af4, device 0x1000: the transitional device,
 * driven through its legacy interface). libnetdriver runs the show; this
 * file brings the device up and hands the library its callbacks.
 *
 *   virtio-net [label=NAME] [instance=N]
 *
 * Features: the MAC address from the device's configuration and the link
 * status, nothing else: no checksum offload, no segmentation, no control
 * queue (so no hardware filter: the device delivers everything, and the
 * library filters). Interrupts come for received frames and configuration
 * (link) changes; reading the ISR acknowledges them.
 */
#include <stdio.h>
#include "virtio_net.h"

struct vnet vnet;

static const struct nd_pci_id ids[] = {
    { 0x1AF4, 0x1000 }, /* transitional virtio-net */
    { 0, 0 },
};

static void check_link(void)
{
    if (!(vnet.features & VIRTIO_NET_F_STATUS)) {
        netdriver_link(NDEV_LINK_UP | NDEV_LINK_DUPLEX, 0); /* cannot tell: say up */
        return;
    }
    bool up = virtio_config16(&vnet.dev, NET_CONFIG_STATUS) & NET_S_LINK_UP;
    netdriver_link(up ? NDEV_LINK_UP | NDEV_LINK_DUPLEX : 0, 0);
}

/* The device's address, or a random locally administered one. */
static void read_mac(uint8_t mac[NDEV_HWADDR_LEN])
{
    uint64_t tsc = 0;

    for (unsigned i = 0; i < NDEV_HWADDR_LEN; i++)
        mac[i] =
            vnet.features & VIRTIO_NET_F_MAC ? virtio_config8(&vnet.dev, NET_CONFIG_MAC + i) : 0;
    if (!(vnet.features & VIRTIO_NET_F_MAC) || (mac[0] & 1)) {
        sys_time(NULL, &tsc, NULL);
        for (unsigned i = 0; i < NDEV_HWADDR_LEN; i++)
            mac[i] = (uint8_t)(tsc >> (8 * i));
        mac[0] = (uint8_t)((mac[0] & ~1u) | 2u);
    }
}

/* On failure the library calls vnet_stop(), which resets the device. */
static int vnet_init(const struct nd_device *dev, uint8_t mac[NDEV_HWADDR_LEN])
{
    int r = virtio_start(&vnet.dev, dev);

    if (r < 0)
        return r;
    vnet.features = virtio_negotiate(&vnet.dev, VIRTIO_NET_F_MAC | VIRTIO_NET_F_STATUS);
    if ((r = virtio_queue_setup(&vnet.dev, &vnet.rx, RXQ)) < 0 ||
        (r = virtio_queue_setup(&vnet.dev, &vnet.tx, TXQ)) < 0 || (r = rxtx_init()) < 0)
        return r;
    read_mac(mac);
    if (dev->irq < 0 || nd_irq_attach(dev->irq) < 0)
        return -EIO;
    virtio_ready(&vnet.dev);
    nd_out(vnet.dev.io + VIRTIO_QUEUE_NOTIFY, 2, RXQ); /* the buffers are there */
    check_link();
    return 0;
}

static void vnet_set_mode(unsigned mode, const uint8_t (*mcast)[NDEV_HWADDR_LEN], unsigned count)
{
    (void)mode, (void)mcast, (void)count; /* no control queue: the library filters */
}

static void vnet_intr(uint64_t irqs)
{
    (void)irqs;
    unsigned isr = virtio_isr(&vnet.dev);

    if (isr == 0xFF && virtio_broken(&vnet.dev))
        netdriver_fail("the device is gone");
    if (isr & ISR_CONFIG)
        check_link();
    rxtx_tx_reclaim();
    nd_irq_enable();
}

static void vnet_poll(void)
{
    if (virtio_broken(&vnet.dev))
        netdriver_fail("the device failed or was reset");
    rxtx_tx_reclaim();
    check_link();
}

static void vnet_stop(void)
{
    if (vnet.dev.io)
        virtio_reset(&vnet.dev);
}

static const struct netdriver_ops ops = {
    .name = "virtio-net",
    .ids = ids,
    .init = vnet_init,
    .set_mode = vnet_set_mode,
    .tx_buffer = rxtx_tx_buffer,
    .tx_commit = rxtx_tx_commit,
    .rx_next = rxtx_rx_next,
    .rx_done = rxtx_rx_done,
    .intr = vnet_intr,
    .poll = vnet_poll,
    .stop = vnet_stop,
};

int main(int argc, char **argv)
{
    return netdriver_task(&ops, argc, argv);
}
