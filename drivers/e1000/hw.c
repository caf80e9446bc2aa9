/*
 * The controller itself: reset, the MAC address, the receive filters, the
 * link. Every wait on the device is bounded: a device that stops answering
 * makes start-up fail or the driver stop, never hang.
 */
#include <string.h>
#include "e1000.h"

#define RESET_TIMEOUT_US  100000
#define EEPROM_TIMEOUT_US 10000

/* A device that fell off the bus reads all ones. */
bool hw_gone(void)
{
    return reg_read(REG_STATUS) == 0xFFFFFFFFu;
}

/* Reset the whole controller and leave it quiet: interrupts masked,
 * receiver and transmitter off, the link asked to come up. */
int hw_reset(void)
{
    reg_write(REG_IMC, 0xFFFFFFFFu);
    reg_write(REG_RCTL, 0);
    reg_write(REG_TCTL, 0);
    reg_write(REG_CTRL, reg_read(REG_CTRL) | CTRL_RST);
    nd_delay_us(10);
    uint64_t end = nd_deadline(RESET_TIMEOUT_US);
    while (reg_read(REG_CTRL) & CTRL_RST)
        if (nd_passed(end))
            return -ETIMEDOUT;
    reg_write(REG_IMC, 0xFFFFFFFFu);
    (void)reg_read(REG_ICR);
    uint32_t ctrl = reg_read(REG_CTRL);
    ctrl &= ~(CTRL_LRST | CTRL_PHY_RST | CTRL_ILOS | CTRL_VME);
    reg_write(REG_CTRL, ctrl | CTRL_SLU | CTRL_ASDE);
    for (unsigned i = 0; i < MTA_WORDS; i++)
        reg_write(REG_MTA + 4 * i, 0);
    return 0;
}

static int eeprom_read(unsigned word, uint16_t *value)
{
    reg_write(REG_EERD, (word << EERD_ADDR_SHIFT) | EERD_START);
    uint64_t end = nd_deadline(EEPROM_TIMEOUT_US);
    for (;;) {
        uint32_t v = reg_read(REG_EERD);
        if (v & EERD_DONE) {
            *value = (uint16_t)(v >> EERD_DATA_SHIFT);
            return 0;
        }
        if (nd_passed(end))
            return -ETIMEDOUT;
    }
}

static bool usable_mac(const uint8_t mac[NDEV_HWADDR_LEN])
{
    static const uint8_t zero[NDEV_HWADDR_LEN];

    return !(mac[0] & 1) && memcmp(mac, zero, NDEV_HWADDR_LEN) != 0;
}

/* The MAC address: EEPROM words 0-2, low byte first; failing that, what
 * the controller loaded into receive address 0. */
int hw_read_mac(uint8_t mac[NDEV_HWADDR_LEN])
{
    uint16_t w[3];
    int r = 0;

    for (unsigned i = 0; r == 0 && i < 3; i++)
        r = eeprom_read(i, &w[i]);
    for (unsigned i = 0; r == 0 && i < 3; i++) {
        mac[2 * i] = (uint8_t)w[i];
        mac[2 * i + 1] = (uint8_t)(w[i] >> 8);
    }
    if (r == 0 && usable_mac(mac))
        return 0;
    uint32_t lo = reg_read(REG_RAL0), hi = reg_read(REG_RAH0);
    for (unsigned i = 0; i < 4; i++)
        mac[i] = (uint8_t)(lo >> (8 * i));
    mac[4] = (uint8_t)hi;
    mac[5] = (uint8_t)(hi >> 8);
    return (hi & RAH_AV) && usable_mac(mac) ? 0 : -EIO;
}

void hw_set_mac(const uint8_t mac[NDEV_HWADDR_LEN])
{
    uint32_t lo = mac[0] | (uint32_t)mac[1] << 8 | (uint32_t)mac[2] << 16 | (uint32_t)mac[3] << 24;
    uint32_t hi = mac[4] | (uint32_t)mac[5] << 8;

    reg_write(REG_RAL0, lo);
    reg_write(REG_RAH0, hi | RAH_AV);
}

/* The multicast table's bit for an address (RCTL.MO = 00: bits 47:36). */
static unsigned mta_bit(const uint8_t *addr)
{
    return ((addr[4] >> 4) | ((unsigned)addr[5] << 4)) & 0xFFF;
}

/* The receive filter. Every RCTL write holds reception up (QEMU's model
 * takes nothing for a second), so DOWN leaves the filter alone (the
 * library drops everything then) and an unchanged RCTL is not written. */
void hw_set_mode(unsigned mode, const uint8_t (*mcast)[NDEV_HWADDR_LEN], unsigned count)
{
    uint32_t mta[MTA_WORDS];
    uint32_t rctl = e1000.rctl & ~(RCTL_UPE | RCTL_MPE | RCTL_BAM);

    if (mode == NDEV_MODE_DOWN)
        return;
    memset(mta, 0, sizeof(mta));
    if (mode & NDEV_MODE_MCAST_LIST)
        for (unsigned i = 0; i < count; i++)
            mta[mta_bit(mcast[i]) >> 5] |= 1u << (mta_bit(mcast[i]) & 31);
    for (unsigned i = 0; i < MTA_WORDS; i++)
        reg_write(REG_MTA + 4 * i, mta[i]);
    if (mode & NDEV_MODE_PROMISC)
        rctl |= RCTL_UPE | RCTL_MPE;
    if (mode & NDEV_MODE_MCAST_ALL)
        rctl |= RCTL_MPE;
    if (mode & (NDEV_MODE_BCAST | NDEV_MODE_PROMISC))
        rctl |= RCTL_BAM;
    if (rctl != e1000.rctl)
        reg_write(REG_RCTL, rctl);
    e1000.rctl = rctl;
}

void hw_check_link(void)
{
    static const uint32_t mbps[] = { 10, 100, 1000, 1000 };
    uint32_t status = reg_read(REG_STATUS);

    if (!(status & STATUS_LU)) {
        netdriver_link(0, 0);
        return;
    }
    uint32_t speed = (status & STATUS_SPEED_MASK) >> STATUS_SPEED_SHIFT;
    netdriver_link(NDEV_LINK_UP | (status & STATUS_FD ? NDEV_LINK_DUPLEX : 0), mbps[speed]);
}

/* No more DMA: mask everything, stop both directions, reset. */
void hw_stop(void)
{
    if (!e1000.regs)
        return;
    reg_write(REG_IMC, 0xFFFFFFFFu);
    reg_write(REG_RCTL, 0);
    reg_write(REG_TCTL, 0);
    reg_write(REG_CTRL, reg_read(REG_CTRL) | CTRL_RST);
}
