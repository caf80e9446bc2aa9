/*
 * e1000: the driver for Intel's 82540EM gigabit controller (QEMU's default
 * NIC) and its close relatives. libnetdriver runs the show; this file
 * brings the device up and hands the library its callbacks.
 *
 *   e1000 [label=NAME] [instance=N]
 *
 * Start-up: BAR0 is the register file, mapped uncached; the device is
 * reset, its MAC address read from the EEPROM, its rings set up, and its
 * interrupt line claimed. Interrupts report frames received (RXT0, and
 * RXDMT0 when the ring runs low), link changes (LSC) and overruns (RXO; the frames lost are counted by MPC,
 * which the periodic poll adds up). Sent descriptors are reclaimed when
 * the ring fills and at the poll, not on an interrupt per frame (TXDW is
 * unmasked only while the ring is full). Reading ICR acknowledges; the line is
 * re-enabled after each interrupt. The library moves the frames.
 */
#include <stdio.h>
#include "e1000.h"

struct e1000 e1000;

static const struct nd_pci_id ids[] = {
    { 0x8086, 0x100E }, /* 82540EM: QEMU's e1000 */
    { 0x8086, 0x100F }, /* 82545EM copper: QEMU's e1000-82545em */
    { 0, 0 },
};

static int map_registers(const struct nd_device *dev)
{
    uint64_t base, len;
    uint32_t flags;
    int r = nd_pci_bar(dev, 0, &base, &len, &flags);

    if (r < 0)
        return r;
    if (flags & PCI_BAR_IO)
        return -ENOENT;
    r = nd_pci_enable(dev, PCI_EN_MEM | PCI_EN_MASTER);
    if (r < 0)
        return r;
    e1000.regs = nd_map_mmio(base, len);
    return e1000.regs ? 0 : -ENOMEM;
}

static int e1000_init(const struct nd_device *dev, uint8_t mac[NDEV_HWADDR_LEN])
{
    int r = map_registers(dev);

    if (r == 0 && hw_gone())
        r = -EIO;
    if (r == 0)
        r = hw_reset();
    if (r == 0)
        r = hw_read_mac(mac);
    if (r < 0)
        return r;
    hw_set_mac(mac);
    r = ring_init();
    if (r < 0)
        return r;
    if (dev->irq < 0 || nd_irq_attach(dev->irq) < 0)
        return -EIO;
    reg_write(REG_IMS, INT_RXT0 | INT_RXO | INT_RXDMT0 | INT_LSC);
    hw_check_link();
    return 0;
}

static void e1000_intr(uint64_t irqs)
{
    (void)irqs;
    uint32_t icr = reg_read(REG_ICR);

    if (icr == 0xFFFFFFFFu && hw_gone())
        netdriver_fail("the device is gone");
    if (icr & INT_LSC)
        hw_check_link();
    ring_tx_reclaim();
    if (icr & INT_TXDW)
        reg_write(REG_IMC, INT_TXDW); /* asked for by a full ring only */
    nd_irq_enable();
}

static void e1000_poll(void)
{
    if (hw_gone())
        netdriver_fail("the device is gone");
    netdriver_stats()->in_dropped += reg_read(REG_MPC);
    netdriver_stats()->in_errors += reg_read(REG_CRCERRS);
    ring_tx_reclaim();
    hw_check_link();
}

static const struct netdriver_ops ops = {
    .name = "e1000",
    .ids = ids,
    .init = e1000_init,
    .set_mode = hw_set_mode,
    .tx_buffer = ring_tx_buffer,
    .tx_commit = ring_tx_commit,
    .tx_buffer_ahead = ring_tx_buffer_ahead,
    .rx_next = ring_rx_next,
    .rx_done = ring_rx_done,
    .flush = ring_flush,
    .intr = e1000_intr,
    .poll = e1000_poll,
    .stop = hw_stop,
};

int main(int argc, char **argv)
{
    return netdriver_task(&ops, argc, argv);
}
