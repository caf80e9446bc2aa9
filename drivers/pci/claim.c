/*
 * Claims. A device belongs to at most one live driver. Claiming it adds
 * the device's resources to the claimant's privileges in the kernel: the
 * I/O port ranges of its I/O BARs (and of legacy ISA decoding), the
 * physical ranges of its memory BARs (which the claimant may then map
 * with VMF_DEVICE), and its interrupt line. No other process gets them, so
 * a driver can touch its own device and nothing else.
 *
 * The kernel holds the privileges; we read them (PRIVCTL_GET), add, and
 * write them back (PRIVCTL_SET), which needs PRIV_CONTROL. What a claim
 * added is remembered so a release removes exactly that and leaves what
 * the driver had before (its boot options, say) alone.
 *
 * A claimant that died leaves its claim behind; a new claim then succeeds
 * (a restarted driver has a new endpoint). The kernel tells us whether an
 * endpoint is still alive: any kernel call naming a dead one fails with
 * EDEADSRCDST.
 */
#include <string.h>
#include "pci.h"

/* What one claim added to its claimant's privileges. */
struct claim_record {
    struct io_range io[PRIV_MAX_IO];
    uint32_t nio;
    struct mem_range_spec mem[PRIV_MAX_MEM];
    uint32_t nmem;
    uint64_t irqs;
};

static struct claim_record records[PCI_MAX_DEVICES];

static bool has_io(const struct priv_spec *s, struct io_range r)
{
    for (uint32_t i = 0; i < s->nio; i++)
        if (r.base >= s->io[i].base &&
            (uint32_t)r.base + r.count <= (uint32_t)s->io[i].base + s->io[i].count)
            return true;
    return false;
}

static bool has_mem(const struct priv_spec *s, uint64_t base, uint64_t size)
{
    for (uint32_t i = 0; i < s->nmem; i++)
        if (base >= s->mem[i].base && base + size <= s->mem[i].base + s->mem[i].size)
            return true;
    return false;
}

static int add_io(struct priv_spec *s, struct claim_record *rec, uint64_t base, uint64_t count)
{
    if (base == 0 || count == 0 || base + count > 0x10000)
        return 0; /* not assigned, or not an ISA-reachable range: nothing to grant */
    struct io_range r = { (uint16_t)base, (uint16_t)count };
    if (has_io(s, r))
        return 0;
    if (s->nio == PRIV_MAX_IO)
        return -ENOSPC;
    s->io[s->nio++] = r;
    rec->io[rec->nio++] = r;
    return 0;
}

static int add_mem(struct priv_spec *s, struct claim_record *rec, uint64_t base, uint64_t size)
{
    if (base == 0 || size == 0 || base + size < base || has_mem(s, base, size))
        return 0;
    if (s->nmem == PRIV_MAX_MEM)
        return -ENOSPC;
    s->mem[s->nmem] = (struct mem_range_spec){ base, size };
    rec->mem[rec->nmem++] = s->mem[s->nmem++];
    return 0;
}

/* Add d's resources to s, noting in rec what was new. */
static int add_resources(struct priv_spec *s, const struct pci_dev *d, struct claim_record *rec)
{
    int r = 0;

    memset(rec, 0, sizeof(*rec));
    for (int i = 0; r == 0 && i < d->nbars; i++) {
        const struct pci_bar *b = &d->bars[i];
        r = b->flags & PCI_BAR_IO ? add_io(s, rec, b->base, b->size)
                                  : add_mem(s, rec, b->base, b->size);
    }
    for (int i = 0; r == 0 && i < d->nlegacy_io; i++)
        r = add_io(s, rec, d->legacy_io[i].base, d->legacy_io[i].count);
    uint64_t irqs = d->legacy_irqs | (d->irq >= 0 ? 1ull << d->irq : 0);
    rec->irqs = irqs & ~s->irqs;
    s->irqs |= irqs;
    return r;
}

static void remove_resources(struct priv_spec *s, const struct claim_record *rec)
{
    for (uint32_t k = 0; k < rec->nio; k++)
        for (uint32_t i = 0; i < s->nio; i++)
            if (s->io[i].base == rec->io[k].base && s->io[i].count == rec->io[k].count) {
                s->io[i] = s->io[--s->nio];
                break;
            }
    for (uint32_t k = 0; k < rec->nmem; k++)
        for (uint32_t i = 0; i < s->nmem; i++)
            if (s->mem[i].base == rec->mem[k].base && s->mem[i].size == rec->mem[k].size) {
                s->mem[i] = s->mem[--s->nmem];
                break;
            }
    s->irqs &= ~rec->irqs;
}

/* The privileges of a process that may drive hardware: a system process
 * with its own priv id (ordinary processes share one). */
static int get_driver_privileges(endpoint_t ep, struct priv_spec *s)
{
    int r = sys_privctl(ep, PRIVCTL_GET, s);

    if (r < 0)
        return r;
    if (s->id == PRIV_ID_USER || !(s->flags & PRIV_SYSTEM))
        return -EPERM;
    return 0;
}

static bool alive(endpoint_t ep)
{
    struct priv_spec s;

    return sys_privctl(ep, PRIVCTL_GET, &s) != -EDEADSRCDST;
}

static struct pci_dev *request_device(const message *m)
{
    return pci_lookup(m->pci_req.id);
}

int owned_device(const message *m, struct pci_dev **out)
{
    struct pci_dev *d = request_device(m);

    if (!d)
        return -ENOENT;
    if (d->owner != m->m_source)
        return -EPERM;
    *out = d;
    return 0;
}

int do_claim(message *m)
{
    struct pci_dev *d = request_device(m);
    struct priv_spec spec;
    struct claim_record rec;

    if (!d)
        return -ENOENT;
    if (d->owner == m->m_source)
        return 0;
    if (d->owner != NONE && alive(d->owner))
        return -EBUSY;
    int r = get_driver_privileges(m->m_source, &spec);
    if (r == 0)
        r = add_resources(&spec, d, &rec);
    if (r == 0)
        r = sys_privctl(m->m_source, PRIVCTL_SET, &spec);
    if (r < 0)
        return r;
    d->owner = m->m_source;
    records[d - pci_devs] = rec;
    return 0;
}

/* Give the device back: bus mastering off (no DMA from a device nobody
 * drives), and the claim's privileges removed. */
int do_release(message *m)
{
    struct pci_dev *d;
    struct priv_spec spec;
    int r = owned_device(m, &d);

    if (r < 0)
        return r;
    uint32_t cmd = cfg_read(d->id, CFG_COMMAND, 2);
    cfg_write(d->id, CFG_COMMAND, 2, cmd & ~(uint32_t)CMD_MASTER);
    if (get_driver_privileges(m->m_source, &spec) == 0) {
        remove_resources(&spec, &records[d - pci_devs]);
        sys_privctl(m->m_source, PRIVCTL_SET, &spec);
    }
    d->owner = NONE;
    return 0;
}
