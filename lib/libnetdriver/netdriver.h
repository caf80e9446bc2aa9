/*
 * libnetdriver: the network driver library. It owns everything a NIC
 * driver would otherwise repeat: start-up (finding and claiming the PCI
 * device, publishing the driver in ds), the message loop, the ndev
 * protocol's validation, the queues of pending SEND requests and of the
 * server's empty RECV buffers, software receive filtering, link state,
 * statistics, and answers that never block on the server.
 *
 * A driver fills in struct netdriver_ops and calls netdriver_task() from
 * main(). The library calls the driver only from its one thread, one
 * callback at a time; the driver keeps its rings, the library its queues.
 *
 * Transmission: the library asks tx_buffer() for room in the ring, copies
 * the frame from the server's grants straight into it, and hands it over
 * with tx_commit(). Reception: after an interrupt (or when the server hands
 * over buffers) the library drains rx_next()/rx_done() while it has
 * buffers to fill; a frame for which no buffer waits stays in the device's
 * ring until one comes, so a slow server costs the device's ring space,
 * never the library's memory.
 *
 * The library also offers drivers their hardware toolbox: device memory
 * mapping, DMA memory with physical addresses, port I/O, interrupts, and
 * bounded waits (a driver never spins forever on a dead device).
 */
#ifndef NETDRIVER_H
#define NETDRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <ember/server.h>
#include "ndev_msg.h"

struct nd_pci_id {
    uint16_t vendor, device;
};

/* The device the library found and claimed for the driver. */
struct nd_device {
    uint32_t pci_id; /* the bus driver's name for it */
    uint16_t vendor, device;
    int irq; /* -1: none */
    int instance;
};

struct netdriver_ops {
    const char *name;            /* "e1000": messages and the default label */
    const struct nd_pci_id *ids; /* devices it drives; ends with { 0, 0 } */

    /* Bring the device up: map it, reset it, set up its rings and its
     * interrupt; report its MAC address. A negative error ends the driver. */
    int (*init)(const struct nd_device *dev, uint8_t hwaddr[NDEV_HWADDR_LEN]);

    /* Program the hardware's receive filter. A superset of mode is fine:
     * the library filters exactly in software; for NDEV_MODE_DOWN the
     * filter may stay as it is. */
    void (*set_mode)(unsigned mode, const uint8_t (*mcast)[NDEV_HWADDR_LEN], unsigned count);

    /* Room for one frame of NDEV_FRAME_MAX bytes in the transmit ring, or
     * NULL when the ring is full. Until tx_commit() it returns the same
     * buffer again. */
    void *(*tx_buffer)(void);
    /* Send the len bytes (NDEV_FRAME_MIN..NDEV_FRAME_MAX) just written. */
    void (*tx_commit)(size_t len);
    /* Optional: the buffer tx_buffer() will return after i more commits
     * (i = 0: the one it returns now), or NULL when the ring has no room
     * for it; so the library fills several with one copy. */
    void *(*tx_buffer_ahead)(unsigned i);

    /* The next received frame: its length, with *frame pointing at it; 0
     * when there is none; a negative error for a frame the device flagged
     * bad. The frame stays put until rx_done(). */
    int (*rx_next)(const void **frame);
    void (*rx_done)(void);
    /* Optional: tell the device about the descriptors tx_commit() and
     * rx_done() handed it since the last call (one doorbell for a batch);
     * without it those two must tell the device themselves. With it, a
     * frame given back by rx_done() stays put until the next flush(): the
     * library copies received frames out in batches. */
    void (*flush)(void);

    /* The device interrupted (irqs: the notification's hook bits):
     * acknowledge it, reclaim finished work, re-enable the line. */
    void (*intr)(uint64_t irqs);
    /* Look at the device without an interrupt: reclaim finished sends,
     * note the link state. Called now and then, and when work waits. */
    void (*poll)(void);
    /* Stop all DMA: the driver is about to exit. Called also when init
     * failed half-way, so it must cope with a device never started. */
    void (*stop)(void);
};

/* Run the driver: start-up, then the message loop; returns only on a
 * start-up failure (the exit status for main). Arguments:
 *   label=NAME    published as "drv.net.NAME" (default: name_INSTANCE)
 *   instance=N    drive the N-th matching device (default 0)
 */
int netdriver_task(const struct netdriver_ops *ops, int argc, char **argv);

/* The driver saw the link change (NDEV_LINK_* flags, speed in Mbit/s). */
void netdriver_link(uint32_t link, uint32_t mbps);

/* Counters the driver may add the device's own findings to (frames the
 * hardware dropped or found bad). */
struct ndev_stats *netdriver_stats(void);

/* The device is broken beyond repair: answer what waits with EIO, stop,
 * exit. A supervisor restarts the driver. */
_Noreturn void netdriver_fail(const char *why);

/* ---- the hardware toolbox (hw.c, pci.c) ---- */

#define ND_PAGE 4096ull

/* PCI, for the claimed device. */
int nd_pci_bar(const struct nd_device *dev, int bar, uint64_t *base, uint64_t *len,
               uint32_t *flags);
int nd_pci_enable(const struct nd_device *dev, uint32_t flags); /* PCI_EN_* */

/* Map len bytes of device memory at physical base (the claim must have
 * granted it); NULL on failure. */
volatile void *nd_map_mmio(uint64_t base, size_t len);

/* Zeroed, page-aligned memory whose pages are present: each page's
 * physical address comes from nd_dma_phys(). Never assume two pages are
 * physically adjacent. */
void *nd_dma_alloc(size_t len);
uint64_t nd_dma_phys(const volatile void *addr); /* 0 when not mapped */
/* Zeroed memory whose pages are physically contiguous (a device that
 * takes one base address for a multi-page structure). */
void *nd_dma_alloc_contig(size_t len, uint64_t *phys);

/* Port I/O within the claimed ranges; a refused access reads all ones. */
uint32_t nd_in(unsigned port, int size);
void nd_out(unsigned port, int size, uint32_t value);

/* The interrupt line: claim it (hook bit 0), re-enable it after handling. */
int nd_irq_attach(int irq);
void nd_irq_enable(void);

/* Time. nd_deadline(us) is a moment us microseconds ahead; waits poll
 * until it passes. */
uint64_t nd_now_ns(void);
uint64_t nd_deadline(uint64_t us);
bool nd_passed(uint64_t deadline);
void nd_delay_us(uint64_t us);

/* A compiler and CPU barrier between ring updates and the device seeing them. */
static inline void nd_barrier(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

#endif
