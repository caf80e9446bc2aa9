/*
 * Finding devices and reading what they are (open to anyone), and the
 * configuration-space access of a claimed device (its claimant only).
 * Writes that would move a device's address decoding (BARs, the ROM base,
 * a bridge's windows) are refused: the claim's privileges were computed
 * from the addresses found at start-up, and a moved BAR could make a
 * device answer at addresses another driver owns.
 */
#include <string.h>
#include "pci.h"

static bool field_matches(int want, int have)
{
    return want < 0 || want == have;
}

static bool matches(const struct pci_req *q, const struct pci_dev *d)
{
    return (q->vendor == PCI_ANY || q->vendor == d->vendor) &&
           (q->device == PCI_ANY || q->device == d->device) &&
           field_matches(q->class_code, d->class_code) && field_matches(q->subclass, d->subclass);
}

int do_find(message *m)
{
    struct pci_req *q = &m->pci_req;
    int seen = 0;

    if (q->index < 0)
        return -EINVAL;
    for (int i = 0; i < pci_ndevs; i++) {
        if (!matches(q, &pci_devs[i]) || seen++ < q->index)
            continue;
        q->id = pci_devs[i].id;
        return 0;
    }
    return -ENOENT;
}

int do_info(message *m)
{
    const struct pci_dev *d = pci_lookup(m->pci_req.id);

    if (!d)
        return -ENOENT;
    memset(m->raw, 0, sizeof(m->raw));
    struct pci_info *info = &m->pci_info;
    info->id = d->id;
    info->vendor = d->vendor;
    info->device = d->device;
    info->class_code = d->class_code;
    info->subclass = d->subclass;
    info->progif = d->progif;
    info->revision = d->revision;
    info->irq = d->irq;
    info->subsys_vendor = d->subsys_vendor;
    info->subsys_device = d->subsys_device;
    return 0;
}

int do_bar(message *m)
{
    struct pci_req *q = &m->pci_req;
    const struct pci_dev *d = pci_lookup(q->id);

    if (!d)
        return -ENOENT;
    if (q->bar < 0 || q->bar >= d->nbars)
        return -EINVAL;
    const struct pci_bar *b = &d->bars[q->bar];
    if (b->size == 0)
        return -ENOENT;
    q->base = b->base;
    q->len = b->size;
    q->flags = b->flags;
    return 0;
}

static int check_access(const struct pci_req *q)
{
    if (q->size != 1 && q->size != 2 && q->size != 4)
        return -EINVAL;
    if (q->offset >= CFG_SIZE || q->offset % (uint32_t)q->size != 0)
        return -EINVAL;
    return 0;
}

/* Does [offset, offset + size) touch a register that places the device
 * in the address spaces? */
static bool decodes_addresses(const struct pci_dev *d, uint32_t offset, int size)
{
    bool bridge = (d->header & 0x7F) != 0;
    uint32_t end = bridge ? CFG_INT_LINE : CFG_BAR0 + 4 * PCI_MAX_BARS;
    uint32_t last = offset + (uint32_t)size - 1;

    if (last >= CFG_BAR0 && offset < end)
        return true;
    return !bridge && last >= CFG_ROM && offset < CFG_ROM + 4;
}

int do_conf_read(message *m)
{
    struct pci_dev *d;
    int r = owned_device(m, &d);

    if (r == 0)
        r = check_access(&m->pci_req);
    if (r < 0)
        return r;
    m->pci_req.value = cfg_read(d->id, m->pci_req.offset, m->pci_req.size);
    return 0;
}

int do_conf_write(message *m)
{
    struct pci_dev *d;
    int r = owned_device(m, &d);

    if (r == 0)
        r = check_access(&m->pci_req);
    if (r < 0)
        return r;
    if (decodes_addresses(d, m->pci_req.offset, m->pci_req.size))
        return -EPERM;
    cfg_write(d->id, m->pci_req.offset, m->pci_req.size, m->pci_req.value);
    return 0;
}

int do_enable(message *m)
{
    struct pci_dev *d;
    int r = owned_device(m, &d);
    uint32_t bits = m->pci_req.flags;

    if (r < 0)
        return r;
    if (bits & ~(uint32_t)(PCI_EN_IO | PCI_EN_MEM | PCI_EN_MASTER))
        return -EINVAL;
    uint32_t cmd = cfg_read(d->id, CFG_COMMAND, 2);
    cmd |= (bits & PCI_EN_IO ? CMD_IO : 0) | (bits & PCI_EN_MEM ? CMD_MEM : 0) |
           (bits & PCI_EN_MASTER ? CMD_MASTER : 0);
    cfg_write(d->id, CFG_COMMAND, 2, cmd);
    return 0;
}
