/*
 * The PCI bus driver's protocol. Device drivers find their device here and
 * claim it; a claim gives the claimant (and only it) the privileges for the
 * device's BARs (I/O port ranges, memory ranges it may map as VMF_DEVICE)
 * and its interrupt line, by extending its privileges in the kernel. A
 * device is named by an id the bus driver hands out (bus, device,
 * function packed), stable while the system runs.
 */
#ifndef EMBER_PROTO_PCI_H
#define EMBER_PROTO_PCI_H

#include <ember/proto/common.h>

enum pci_call {
    PCI_FIND =
        PCI_BASE + 1, /* vendor, device (0xFFFF: any), class/subclass (-1: any), index -> id */
    PCI_CLAIM,        /* id: the caller becomes the device's driver */
    PCI_RELEASE,      /* id */
    PCI_INFO,         /* id -> vendor, device, class, subclass, progif, irq */
    PCI_BAR,          /* id, bar -> base, size, flags (PCI_BAR_IO, PCI_BAR_64) */
    PCI_CONF_READ,    /* id, offset, size -> value (claimed devices only) */
    PCI_CONF_WRITE,   /* id, offset, size, value */
    PCI_ENABLE,       /* id, flags (PCI_EN_*): command register bits to set */
};

#define PCI_ANY 0xFFFF

#define PCI_BAR_IO       0x1
#define PCI_BAR_64       0x2
#define PCI_BAR_PREFETCH 0x4

#define PCI_EN_IO     0x1
#define PCI_EN_MEM    0x2
#define PCI_EN_MASTER 0x4 /* bus mastering (DMA) */

struct pci_req {
    uint32_t id;
    uint16_t vendor, device;
    int16_t class_code, subclass; /* -1: any */
    int32_t index;                /* PCI_FIND: the n-th match */
    int32_t bar;                  /* PCI_BAR */
    uint32_t offset;              /* config space */
    int32_t size;                 /* 1, 2, 4 */
    uint32_t value;
    uint32_t flags;
    uint64_t base, len; /* PCI_BAR reply */
};

struct pci_info {
    uint32_t id;
    uint16_t vendor, device;
    uint8_t class_code, subclass, progif, revision;
    int32_t irq; /* -1: none */
    uint16_t subsys_vendor, subsys_device;
};

#define PCI_LAYOUTS                                                                                \
    struct pci_req pci_req;                                                                        \
    struct pci_info pci_info;

#endif
