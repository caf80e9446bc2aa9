/*
 * Garbage: random messages to the disk driver and to the PCI bus driver,
 * which must answer each with an error or a harmless result and live on.
 * Random grant ids never name a grant of ours, so no random write can
 * reach the disk; random PCI requests that would change a device's state
 * (claim, release, enable, configuration writes) name no device.
 */
#include "disktest.h"

#define ROUNDS 2000

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint64_t next_random(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static void random_payload(message *m)
{
    for (int i = 0; i < 7; i++)
        m->w[i] = next_random();
    if (next_random() & 1)
        m->w[0] &= 0x7; /* small minors now and then */
}

static int still_serving(void)
{
    uint8_t *buf = test_buffer(0, SECTOR);

    EXPECT(bdev_read(0, 0, buf, SECTOR), SECTOR);
    CHECK(buf[510] == 0x55 && buf[511] == 0xAA, "the MBR reads wrong after the garbage");
    return 0;
}

int bdev_garbage(void)
{
    int refused = 0;

    for (int i = 0; i < ROUNDS; i++) {
        message m;
        random_payload(&m);
        m.m_type = BDEV_BASE + (int)(next_random() % 12) - 3;
        int r = ipc_call(disk.driver, &m);
        CHECK(r == 0, "round %d: the call itself failed (%d)", i, r);
        refused += m.m_type < 0;
    }
    printf("    %d random requests, %d refused\n", ROUNDS, refused);
    return still_serving();
}

static bool changes_state(int call)
{
    return call == PCI_CLAIM || call == PCI_RELEASE || call == PCI_ENABLE || call == PCI_CONF_WRITE;
}

int pci_garbage(void)
{
    message m;

    CHECK(disk.pci != NONE, "no PCI bus driver");
    for (int i = 0; i < ROUNDS; i++) {
        random_payload(&m);
        m.m_type = PCI_BASE + (int)(next_random() % 14) - 3;
        if (changes_state(m.m_type))
            m.pci_req.id = 0x01000000u | (uint32_t)next_random();
        int r = ipc_call(disk.pci, &m);
        CHECK(r == 0, "round %d: the call itself failed (%d)", i, r);
    }
    memset(&m, 0, sizeof(m));
    m.m_type = PCI_FIND;
    m.pci_req.vendor = disk.pci_vendor;
    m.pci_req.device = disk.pci_device;
    m.pci_req.class_code = -1;
    m.pci_req.subclass = -1;
    EXPECT(ipc_call(disk.pci, &m), 0);
    EXPECT(m.m_type, 0);
    m.m_type = PCI_CLAIM;
    EXPECT(ipc_call(disk.pci, &m), 0);
    EXPECT(m.m_type, -EBUSY);
    return still_serving();
}
