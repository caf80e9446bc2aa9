/*
 * The PCI bus driver's internals: the table of functions found at start-up
 * and the configuration-space accessors. The table is filled once by
 * scan.c and changes afterwards only in its owner field (claim.c).
 */
#ifndef PCI_H
#define PCI_H

#include <stdbool.h>
#include <ember/server.h>
#include <ember/proto/pci.h>

#define PCI_MAX_DEVICES 128
#define PCI_MAX_BARS    6
#define PCI_MAX_LEGACY  4

/* Configuration-space registers (type 0 and type 1 headers). */
#define CFG_VENDOR     0x00
#define CFG_DEVICE     0x02
#define CFG_COMMAND    0x04
#define CFG_REVISION   0x08
#define CFG_PROGIF     0x09
#define CFG_SUBCLASS   0x0A
#define CFG_CLASS      0x0B
#define CFG_HEADER     0x0E
#define CFG_BAR0       0x10
#define CFG_SUBSYS_VEN 0x2C
#define CFG_SUBSYS_DEV 0x2E
#define CFG_ROM        0x30
#define CFG_BRIDGE_ROM 0x38
#define CFG_INT_LINE   0x3C
#define CFG_INT_PIN    0x3D
#define CFG_SIZE       256

#define CMD_IO     0x1
#define CMD_MEM    0x2
#define CMD_MASTER 0x4

struct pci_bar {
    uint64_t base, size; /* size 0: not implemented (or the top half of a 64-bit BAR) */
    uint32_t flags;      /* PCI_BAR_IO, PCI_BAR_64, PCI_BAR_PREFETCH */
};

/* A function on the bus. Legacy I/O ranges and IRQs are those a device
 * decodes without a BAR (an IDE controller in compatibility mode); a claim
 * grants them like the BARs. */
struct pci_dev {
    uint32_t id; /* bus << 8 | device << 3 | function */
    uint16_t vendor, device;
    uint8_t class_code, subclass, progif, revision, header;
    uint16_t subsys_vendor, subsys_device;
    int irq; /* INTERRUPT_LINE as the BIOS set it; -1: none */
    struct pci_bar bars[PCI_MAX_BARS];
    int nbars;
    struct io_range legacy_io[PCI_MAX_LEGACY];
    int nlegacy_io;
    uint64_t legacy_irqs;
    endpoint_t owner; /* the claimant, or NONE */
};

extern struct pci_dev pci_devs[PCI_MAX_DEVICES];
extern int pci_ndevs;

/* config.c: mechanism #1 through ports 0xCF8/0xCFC. Offsets must be
 * aligned to the size; reads of absent functions give all ones. */
uint32_t cfg_read(uint32_t id, uint32_t offset, int size);
void cfg_write(uint32_t id, uint32_t offset, int size, uint32_t value);
int cfg_check_access(void);

/* scan.c */
void pci_scan(void);
struct pci_dev *pci_lookup(uint32_t id);

/* Handlers: claim.c and query.c. */
int do_find(message *m);
int do_claim(message *m);
int do_release(message *m);
int do_info(message *m);
int do_bar(message *m);
int do_conf_read(message *m);
int do_conf_write(message *m);
int do_enable(message *m);

/* claim.c: the device m names, if the sender owns it. */
int owned_device(const message *m, struct pci_dev **out);

#endif
