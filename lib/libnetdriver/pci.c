/*
 * The driver's side of the PCI bus driver (<ember/proto/pci.h>): find the
 * bus driver in ds, find the instance-th device the driver knows, claim it
 * (which grants us its BARs and its interrupt line), read its BARs. The
 * bus driver may start after us, so its name is looked up until it shows.
 */
#include <string.h>
#include "nd.h"

#define PCI_WAIT_MS 10000

static endpoint_t pci_ep = NONE;

static int pci_call(message *m)
{
    int r = ipc_call(pci_ep, m);

    return r < 0 ? r : m->m_type;
}

static void pci_msg(message *m, int call, uint32_t id)
{
    memset(m, 0, sizeof(*m));
    m->m_type = call;
    m->pci_req.id = id;
}

static int find_bus_driver(void)
{
    uint64_t value;

    for (int waited = 0; waited < PCI_WAIT_MS; waited += 10) {
        if (ds_lookup("pci", &value) == 0) {
            pci_ep = (endpoint_t)value;
            return 0;
        }
        nd_sleep_ms(10);
    }
    return -ENOENT;
}

/* The index-th function with this vendor and device id. */
static int find(const struct nd_pci_id *want, int index, uint32_t *id)
{
    message m;

    pci_msg(&m, PCI_FIND, 0);
    m.pci_req.vendor = want->vendor;
    m.pci_req.device = want->device;
    m.pci_req.class_code = -1;
    m.pci_req.subclass = -1;
    m.pci_req.index = index;
    int r = pci_call(&m);
    if (r == 0)
        *id = m.pci_req.id;
    return r;
}

/* The instance-th device matching any of ids, in the order of ids. */
static int find_instance(const struct nd_pci_id *ids, int instance, uint32_t *id)
{
    int seen = 0;

    for (const struct nd_pci_id *w = ids; w->vendor || w->device; w++)
        for (int i = 0; find(w, i, id) == 0; i++)
            if (seen++ == instance)
                return 0;
    return -ENODEV;
}

int nd_pci_attach(const struct nd_pci_id *ids, int instance, struct nd_device *dev)
{
    message m;
    uint32_t id;
    int r = find_bus_driver();

    if (r == 0)
        r = find_instance(ids, instance, &id);
    if (r < 0)
        return r;
    pci_msg(&m, PCI_CLAIM, id);
    r = pci_call(&m);
    if (r < 0)
        return r;
    pci_msg(&m, PCI_INFO, id);
    r = pci_call(&m);
    if (r < 0)
        return r;
    dev->pci_id = id;
    dev->vendor = m.pci_info.vendor;
    dev->device = m.pci_info.device;
    dev->irq = m.pci_info.irq;
    dev->instance = instance;
    return 0;
}

int nd_pci_bar(const struct nd_device *dev, int bar, uint64_t *base, uint64_t *len, uint32_t *flags)
{
    message m;

    pci_msg(&m, PCI_BAR, dev->pci_id);
    m.pci_req.bar = bar;
    int r = pci_call(&m);
    if (r < 0)
        return r;
    *base = m.pci_req.base;
    *len = m.pci_req.len;
    *flags = m.pci_req.flags;
    return 0;
}

int nd_pci_enable(const struct nd_device *dev, uint32_t flags)
{
    message m;

    pci_msg(&m, PCI_ENABLE, dev->pci_id);
    m.pci_req.flags = flags;
    return pci_call(&m);
}
