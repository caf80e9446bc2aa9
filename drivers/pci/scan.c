/*
 * Enumeration. Every bus number is probed by brute force (256 buses of 32
 * devices): cheap, and it needs no knowledge of bridges. A device whose
 * function 0 has the multi-function bit in its header type is probed for
 * functions 1-7 too.
 *
 * A BAR's size comes from the write-all-ones probe: with decoding turned
 * off in the command register, write ~0, read back the mask of bits the
 * device implements, restore. A 64-bit memory BAR takes two slots; the
 * upper slot is recorded as not implemented.
 */
#include <stdio.h>
#include <string.h>
#include "pci.h"

#define PCI_BUSES      256
#define PCI_SLOTS      32
#define PCI_FUNCTIONS  8
#define HEADER_TYPE    0x7F
#define HEADER_MULTI   0x80
#define HEADER_BRIDGE  1
#define HEADER_CARDBUS 2

#define BAR_IO       0x1
#define BAR_MEM_TYPE 0x6
#define BAR_MEM_64   0x4
#define BAR_PREFETCH 0x8
#define BAR_IO_MASK  0xFFFFFFFCu
#define BAR_MEM_MASK 0xFFFFFFF0u

/* An IDE controller's programming interface: a channel in compatibility
 * mode decodes the ISA ports and raises the ISA IRQ. */
#define CLASS_STORAGE     0x01
#define SUBCLASS_IDE      0x01
#define PROGIF_PRI_NATIVE 0x01
#define PROGIF_SEC_NATIVE 0x04

struct pci_dev pci_devs[PCI_MAX_DEVICES];
int pci_ndevs;

static uint32_t make_id(int bus, int slot, int fn)
{
    return (uint32_t)(bus << 8 | slot << 3 | fn);
}

struct pci_dev *pci_lookup(uint32_t id)
{
    for (int i = 0; i < pci_ndevs; i++)
        if (pci_devs[i].id == id)
            return &pci_devs[i];
    return NULL;
}

/* The mask of implemented bits of one BAR register, decoding off. */
static uint32_t probe_register(uint32_t id, uint32_t reg, uint32_t *saved)
{
    *saved = cfg_read(id, reg, 4);
    cfg_write(id, reg, 4, 0xFFFFFFFF);
    uint32_t mask = cfg_read(id, reg, 4);
    cfg_write(id, reg, 4, *saved);
    return mask;
}

/* Size BAR i; returns the number of slots it uses (2 for 64-bit). */
static int probe_bar(uint32_t id, int i, struct pci_bar *bar)
{
    uint32_t reg = CFG_BAR0 + 4 * (uint32_t)i, lo, hi = 0;
    uint32_t mask = probe_register(id, reg, &lo);

    memset(bar, 0, sizeof(*bar));
    if (lo & BAR_IO) {
        uint32_t size = (~(mask & BAR_IO_MASK) + 1) & 0xFFFF;
        if ((mask & BAR_IO_MASK) && size) {
            bar->base = lo & BAR_IO_MASK;
            bar->size = size;
            bar->flags = PCI_BAR_IO;
        }
        return 1;
    }
    bool is64 = (lo & BAR_MEM_TYPE) == BAR_MEM_64 && i + 1 < PCI_MAX_BARS;
    uint64_t mask64 = mask & BAR_MEM_MASK;
    if (is64) {
        uint32_t mask_hi = probe_register(id, reg + 4, &hi);
        mask64 |= (uint64_t)mask_hi << 32;
    } else {
        mask64 |= 0xFFFFFFFF00000000ull;
    }
    if (mask & BAR_MEM_MASK) {
        bar->base = ((uint64_t)hi << 32) | (lo & BAR_MEM_MASK);
        bar->size = ~mask64 + 1;
        bar->flags = (is64 ? PCI_BAR_64 : 0) | (lo & BAR_PREFETCH ? PCI_BAR_PREFETCH : 0);
    }
    return is64 ? 2 : 1;
}

static void probe_bars(struct pci_dev *d)
{
    int type = d->header & HEADER_TYPE;

    d->nbars = type == 0 ? 6 : type == HEADER_BRIDGE ? 2 : 0;
    if (d->nbars == 0)
        return;
    uint32_t cmd = cfg_read(d->id, CFG_COMMAND, 2);
    cfg_write(d->id, CFG_COMMAND, 2, cmd & ~(uint32_t)(CMD_IO | CMD_MEM));
    for (int i = 0; i < d->nbars;)
        i += probe_bar(d->id, i, &d->bars[i]);
    cfg_write(d->id, CFG_COMMAND, 2, cmd);
}

static void add_legacy_io(struct pci_dev *d, uint16_t base, uint16_t count)
{
    if (d->nlegacy_io < PCI_MAX_LEGACY)
        d->legacy_io[d->nlegacy_io++] = (struct io_range){ base, count };
}

/* The ISA resources of an IDE controller's compatibility-mode channels. */
static void find_legacy(struct pci_dev *d)
{
    if (d->class_code != CLASS_STORAGE || d->subclass != SUBCLASS_IDE)
        return;
    if (!(d->progif & PROGIF_PRI_NATIVE)) {
        add_legacy_io(d, 0x1F0, 8);
        add_legacy_io(d, 0x3F6, 1);
        d->legacy_irqs |= 1ull << 14;
    }
    if (!(d->progif & PROGIF_SEC_NATIVE)) {
        add_legacy_io(d, 0x170, 8);
        add_legacy_io(d, 0x376, 1);
        d->legacy_irqs |= 1ull << 15;
    }
}

static int read_irq(uint32_t id)
{
    uint32_t line = cfg_read(id, CFG_INT_LINE, 1), pin = cfg_read(id, CFG_INT_PIN, 1);

    return pin == 0 || line == 0 || line >= 64 ? -1 : (int)line;
}

static void record(uint32_t id, uint32_t vendor_device)
{
    if (pci_ndevs == PCI_MAX_DEVICES) {
        printf("pci: more than %d functions; %02x:%02x.%x ignored\n", PCI_MAX_DEVICES, id >> 8,
               (id >> 3) & 0x1F, id & 7);
        return;
    }
    struct pci_dev *d = &pci_devs[pci_ndevs++];
    memset(d, 0, sizeof(*d));
    d->id = id;
    d->owner = NONE;
    d->vendor = (uint16_t)vendor_device;
    d->device = (uint16_t)(vendor_device >> 16);
    uint32_t class_reg = cfg_read(id, CFG_REVISION, 4);
    d->revision = (uint8_t)class_reg;
    d->progif = (uint8_t)(class_reg >> 8);
    d->subclass = (uint8_t)(class_reg >> 16);
    d->class_code = (uint8_t)(class_reg >> 24);
    d->header = (uint8_t)cfg_read(id, CFG_HEADER, 1);
    if ((d->header & HEADER_TYPE) == 0) {
        d->subsys_vendor = (uint16_t)cfg_read(id, CFG_SUBSYS_VEN, 2);
        d->subsys_device = (uint16_t)cfg_read(id, CFG_SUBSYS_DEV, 2);
    }
    d->irq = read_irq(id);
    probe_bars(d);
    find_legacy(d);
}

static void scan_slot(int bus, int slot)
{
    uint32_t vd = cfg_read(make_id(bus, slot, 0), CFG_VENDOR, 4);

    if ((vd & 0xFFFF) == 0xFFFF)
        return;
    record(make_id(bus, slot, 0), vd);
    if (!(cfg_read(make_id(bus, slot, 0), CFG_HEADER, 1) & HEADER_MULTI))
        return;
    for (int fn = 1; fn < PCI_FUNCTIONS; fn++) {
        vd = cfg_read(make_id(bus, slot, fn), CFG_VENDOR, 4);
        if ((vd & 0xFFFF) != 0xFFFF)
            record(make_id(bus, slot, fn), vd);
    }
}

static void print_device(const struct pci_dev *d)
{
    printf("pci: %02x:%02x.%x %04x:%04x class %02x.%02x.%02x irq %d", d->id >> 8,
           (d->id >> 3) & 0x1F, d->id & 7, d->vendor, d->device, d->class_code, d->subclass,
           d->progif, d->irq);
    for (int i = 0; i < d->nbars; i++)
        if (d->bars[i].size)
            printf(" bar%d=%s%llx+%llx", i, d->bars[i].flags & PCI_BAR_IO ? "io:" : "",
                   (unsigned long long)d->bars[i].base, (unsigned long long)d->bars[i].size);
    printf("\n");
}

void pci_scan(void)
{
    pci_ndevs = 0;
    for (int bus = 0; bus < PCI_BUSES; bus++)
        for (int slot = 0; slot < PCI_SLOTS; slot++)
            scan_slot(bus, slot);
    for (int i = 0; i < pci_ndevs; i++)
        print_device(&pci_devs[i]);
}
