/*
 * The PCI bus driver's client side: one call per request of
 * <ember/proto/pci.h>. The bus driver is found through ds as "pci", or
 * named on the command line (pci=EP) in set-ups without ds.
 */
#include <string.h>
#include "bdr.h"

#define PCI_LOOKUP_TIMEOUT (5000 * MS)

static endpoint_t pci_ep = NONE;

int pci_connect(void)
{
    if (bdr_opts.pci != NONE) {
        pci_ep = bdr_opts.pci;
        return 0;
    }
    return bdr_lookup("pci", &pci_ep, PCI_LOOKUP_TIMEOUT);
}

static int pci_call(int call, message *m)
{
    if (pci_ep == NONE)
        return -ENOENT;
    m->m_type = call;
    int r = ipc_call(pci_ep, m);
    return r < 0 ? r : m->m_type;
}

static void request(message *m, uint32_t id)
{
    memset(m, 0, sizeof(*m));
    m->pci_req.id = id;
}

int pci_find(uint16_t vendor, uint16_t device, int class_code, int subclass, int index,
             uint32_t *id)
{
    message m;

    request(&m, 0);
    m.pci_req.vendor = vendor;
    m.pci_req.device = device;
    m.pci_req.class_code = (int16_t)class_code;
    m.pci_req.subclass = (int16_t)subclass;
    m.pci_req.index = index;
    int r = pci_call(PCI_FIND, &m);
    if (r == 0)
        *id = m.pci_req.id;
    return r;
}

int pci_claim(uint32_t id)
{
    message m;

    request(&m, id);
    return pci_call(PCI_CLAIM, &m);
}

int pci_release(uint32_t id)
{
    message m;

    request(&m, id);
    return pci_call(PCI_RELEASE, &m);
}

int pci_get_info(uint32_t id, struct pci_info *info)
{
    message m;

    request(&m, id);
    int r = pci_call(PCI_INFO, &m);
    if (r == 0)
        *info = m.pci_info;
    return r;
}

int pci_get_bar(uint32_t id, int bar, uint64_t *base, uint64_t *len, uint32_t *flags)
{
    message m;

    request(&m, id);
    m.pci_req.bar = bar;
    int r = pci_call(PCI_BAR, &m);
    if (r == 0) {
        *base = m.pci_req.base;
        *len = m.pci_req.len;
        *flags = m.pci_req.flags;
    }
    return r;
}

int pci_conf_read(uint32_t id, uint32_t offset, int size, uint32_t *value)
{
    message m;

    request(&m, id);
    m.pci_req.offset = offset;
    m.pci_req.size = size;
    int r = pci_call(PCI_CONF_READ, &m);
    if (r == 0)
        *value = m.pci_req.value;
    return r;
}

int pci_conf_write(uint32_t id, uint32_t offset, int size, uint32_t value)
{
    message m;

    request(&m, id);
    m.pci_req.offset = offset;
    m.pci_req.size = size;
    m.pci_req.value = value;
    return pci_call(PCI_CONF_WRITE, &m);
}

int pci_enable(uint32_t id, uint32_t flags)
{
    message m;

    request(&m, id);
    m.pci_req.flags = flags;
    return pci_call(PCI_ENABLE, &m);
}
