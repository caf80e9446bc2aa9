/*
 * The PCI bus driver's rules, seen from a process that is not the disk's
 * driver: it may find and read about the device, but not claim it nor
 * touch its configuration space while the driver lives. Once the driver is
 * dead, its claim lapses and another may claim the device.
 */
#include <stdlib.h>
#include "disktest.h"

static int pci_call(int call, uint32_t id, message *m)
{
    m->m_type = call;
    m->pci_req.id = id;
    int r = ipc_call(disk.pci, m);
    return r < 0 ? r : m->m_type;
}

static void clear(message *m)
{
    memset(m, 0, sizeof(*m));
}

/* The disk's PCI function, by vendor and device. */
static int find_disk_function(uint32_t *id)
{
    message m;

    clear(&m);
    m.pci_req.vendor = disk.pci_vendor;
    m.pci_req.device = disk.pci_device;
    m.pci_req.class_code = -1;
    m.pci_req.subclass = -1;
    int r = pci_call(PCI_FIND, 0, &m);
    *id = m.pci_req.id;
    return r;
}

static int conf(int call, uint32_t id, uint32_t offset, int size, uint32_t value, uint32_t *out)
{
    message m;

    clear(&m);
    m.pci_req.offset = offset;
    m.pci_req.size = size;
    m.pci_req.value = value;
    int r = pci_call(call, id, &m);
    if (out)
        *out = m.pci_req.value;
    return r;
}

static int check_lookups(uint32_t id)
{
    message m;

    clear(&m);
    m.pci_req.vendor = PCI_ANY;
    m.pci_req.device = PCI_ANY;
    m.pci_req.class_code = -1;
    m.pci_req.subclass = -1;
    m.pci_req.index = 1000;
    EXPECT(pci_call(PCI_FIND, 0, &m), -ENOENT);
    m.pci_req.index = -1;
    EXPECT(pci_call(PCI_FIND, 0, &m), -EINVAL);
    clear(&m);
    EXPECT(pci_call(PCI_INFO, id, &m), 0);
    EXPECT(m.pci_info.vendor, disk.pci_vendor);
    EXPECT(m.pci_info.device, disk.pci_device);
    EXPECT(m.pci_info.class_code, 0x01);
    EXPECT(pci_call(PCI_INFO, 0xFFFFFF, &m), -ENOENT);
    clear(&m);
    m.pci_req.bar = 6;
    EXPECT(pci_call(PCI_BAR, id, &m), -EINVAL);
    m.pci_req.bar = -1;
    EXPECT(pci_call(PCI_BAR, id, &m), -EINVAL);
    EXPECT(pci_call(PCI_BASE + 50, id, &m), -ENOSYS);
    return 0;
}

int pci_claim_rules(void)
{
    uint32_t id;
    message m;

    CHECK(disk.pci != NONE, "no PCI bus driver");
    EXPECT(find_disk_function(&id), 0);
    if (check_lookups(id) < 0)
        return -1;
    clear(&m);
    EXPECT(pci_call(PCI_CLAIM, id, &m), -EBUSY);
    EXPECT(conf(PCI_CONF_READ, id, 0, 4, 0, NULL), -EPERM);
    EXPECT(conf(PCI_CONF_WRITE, id, 4, 2, 0, NULL), -EPERM);
    clear(&m);
    m.pci_req.flags = PCI_EN_MASTER;
    EXPECT(pci_call(PCI_ENABLE, id, &m), -EPERM);
    EXPECT(pci_call(PCI_RELEASE, id, &m), -EPERM);
    return 0;
}

static bool has_port(const struct priv_spec *s, uint64_t port)
{
    for (uint32_t i = 0; i < s->nio; i++)
        if (port >= s->io[i].base && port < (uint64_t)s->io[i].base + s->io[i].count)
            return true;
    return false;
}

/* The first I/O BAR of the function, the port a claim must grant. */
static int first_io_bar(uint32_t id, uint64_t *port)
{
    message m;

    for (int bar = 0; bar < 6; bar++) {
        clear(&m);
        m.pci_req.bar = bar;
        if (pci_call(PCI_BAR, id, &m) == 0 && (m.pci_req.flags & PCI_BAR_IO)) {
            *port = m.pci_req.base;
            return 0;
        }
    }
    return -ENOENT;
}

/* Kills the disk's driver: run it last. */
int pci_claim_after_driver_death(void)
{
    struct priv_spec spec;
    uint64_t port;
    uint32_t id, value;
    message m;

    CHECK(disk.pci != NONE, "no PCI bus driver");
    EXPECT(find_disk_function(&id), 0);
    EXPECT(first_io_bar(id, &port), 0);
    EXPECT(sys_privctl(SELF, PRIVCTL_GET, &spec), 0);
    CHECK(!has_port(&spec, port), "port %#llx is ours before any claim", (unsigned long long)port);
    EXPECT(sys_clear(disk.driver, 0), 0);
    clear(&m);
    EXPECT(pci_call(PCI_CLAIM, id, &m), 0);
    EXPECT(pci_call(PCI_CLAIM, id, &m), 0);
    EXPECT(sys_privctl(SELF, PRIVCTL_GET, &spec), 0);
    CHECK(has_port(&spec, port), "the claim did not grant port %#llx", (unsigned long long)port);
    EXPECT(conf(PCI_CONF_READ, id, 0, 4, 0, &value), 0);
    EXPECT(value, (uint32_t)disk.pci_vendor | (uint32_t)disk.pci_device << 16);
    EXPECT(conf(PCI_CONF_READ, id, 2, 4, 0, NULL), -EINVAL);
    EXPECT(conf(PCI_CONF_READ, id, 0, 3, 0, NULL), -EINVAL);
    EXPECT(conf(PCI_CONF_READ, id, 256, 1, 0, NULL), -EINVAL);
    EXPECT(conf(PCI_CONF_WRITE, id, 0x10, 4, 0, NULL), -EPERM);
    EXPECT(conf(PCI_CONF_WRITE, id, 0x20, 4, 0, NULL), -EPERM);
    clear(&m);
    m.pci_req.flags = 0x80;
    EXPECT(pci_call(PCI_ENABLE, id, &m), -EINVAL);
    EXPECT(pci_call(PCI_RELEASE, id, &m), 0);
    EXPECT(sys_privctl(SELF, PRIVCTL_GET, &spec), 0);
    CHECK(!has_port(&spec, port), "the release left port %#llx", (unsigned long long)port);
    return 0;
}
