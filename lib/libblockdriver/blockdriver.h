/*
 * The block driver library: everything a disk driver would otherwise
 * write again. A driver describes its device in a struct blockdriver (a
 * table of callbacks and a few limits) and calls bdr_run(), which owns the
 * message loop of the BDEV protocol (<ember/proto/dev.h>):
 *
 *   - minors: 0 is the whole disk, 1-4 the primary MBR partitions;
 *   - requests are checked against the minor's bounds, split into pieces
 *     the device can take, and moved between the client's grant and a DMA
 *     buffer of the driver's; positions and lengths need not be multiples
 *     of the sector size (partial sectors are read, modified and written);
 *   - a failed transfer is retried once after the driver's reset;
 *   - while the driver waits for its device (bdr_wait), requests that
 *     arrive are queued and heartbeats answered, and every wait has a
 *     deadline, so a dead device gives EIO and never a hung driver.
 *
 * Beside the loop: DMA buffers whose physical pages the driver learns one
 * by one (dma.c), the PCI bus driver's client calls (pci.c), and the
 * start-up options every driver shares (options.c).
 *
 * Semantics of the requests, for a minor of SIZE bytes:
 *   BDEV_OPEN / BDEV_CLOSE  0, or -ENXIO for a minor with no partition.
 *   BDEV_SIZE               SIZE in the reply's bdev_req.pos.
 *   BDEV_READ / BDEV_WRITE  the number of bytes moved: a request that runs
 *                           past the end is cut short there; one starting
 *                           at or after the end reads 0 bytes and fails to
 *                           write with -ENOSPC; pos + len overflowing
 *                           gives -EINVAL, a bad grant the kernel's error
 *                           (-EPERM, -EFAULT, ...), the device -EIO.
 */
#ifndef BLOCKDRIVER_H
#define BLOCKDRIVER_H

#include <errno.h> /* newlib's: ENXIO, ENOSPC beside the kernel's codes */
#include <stdbool.h>
#include <stddef.h>
#include <ember/server.h>
#include <ember/proto/pci.h>

#define BDR_SECTOR      512
#define BDR_PAGE        4096
#define BDR_PARTITIONS  4
#define BDR_MINORS      (1 + BDR_PARTITIONS)
#define BDR_DEFAULT_DMA (128 * 1024)

/* ---- DMA buffers (dma.c) ---- */

/* Memory the device reads and writes: page-aligned, every page present
 * and pinned (a boot process's memory never moves), with each page's
 * physical address recorded. Consecutive pages are not assumed to be
 * physically consecutive. */
struct dma_buf {
    uint8_t *virt;
    size_t size;     /* a multiple of BDR_PAGE */
    uint64_t *pages; /* physical address of each page */
};

/* A physically contiguous piece of a buffer. */
struct dma_seg {
    uint64_t phys;
    size_t len;
};

int dma_alloc(struct dma_buf *b, size_t size);

/* A buffer whose pages are physically contiguous (device rings that the
 * hardware addresses by one base). Until vm can hand out contiguous frames
 * this searches a larger allocation for a contiguous run. */
int dma_alloc_contig(struct dma_buf *b, size_t size);

/* Split [off, off + len) of b into physically contiguous segments, none
 * longer than max_seg nor crossing a multiple of boundary (0: none);
 * returns the number of segments written (at most nseg), or -E2BIG. */
int dma_segments(const struct dma_buf *b, size_t off, size_t len, size_t max_seg, uint64_t boundary,
                 struct dma_seg *segs, int nseg);

/* The physical address of byte off of b. */
uint64_t dma_phys(const struct dma_buf *b, size_t off);

/* ---- The driver's description ---- */

struct blockdriver {
    const char *label;  /* its name in ds and in messages */
    uint64_t sectors;   /* capacity in BDR_SECTOR units */
    size_t max_sectors; /* most sectors one transfer() call may move */
    size_t dma_size;    /* the DMA buffer's size (0: BDR_DEFAULT_DMA) */

    /* Move count sectors (1..max_sectors) between the disk at lba and the
     * DMA buffer at byte offset off. 0, or a negative error (-EIO after a
     * device error, -ETIMEDOUT when the device did not answer). */
    int (*transfer)(bool write, uint64_t lba, size_t count, const struct dma_buf *buf, size_t off);

    /* Bring the device back to a known state after an error (optional). */
    void (*reset)(void);

    /* A hardware notification outside any bdr_wait(): acknowledge what the
     * device says (optional; the library re-enables the lines after). */
    void (*interrupt)(uint64_t irqs);
};

/* Serve requests for ever. Reads the partition table, publishes the label
 * in ds (unless options say not to). */
_Noreturn void bdr_run(struct blockdriver *drv);

/* ---- Interrupts and waiting (wait.c) ---- */

/* Claim an interrupt line for the driver; notifications for it wake
 * bdr_wait(). Returns 0 or a negative error. */
int bdr_irq_attach(int irq);

/* Wait until done(arg) is true: it is asked at once, after each hardware
 * notification (then the lines are re-enabled), and once more at the
 * deadline. Returns 0, or -ETIMEDOUT after timeout_ns. Other messages
 * that arrive meanwhile are kept for the main loop. */
int bdr_wait(bool (*done)(void *arg), void *arg, uint64_t timeout_ns);

/* Poll cond(arg) every poll_ns until it holds or timeout_ns passes. For
 * device states that raise no interrupt (a reset, BSY clearing). */
int bdr_poll(bool (*cond)(void *arg), void *arg, uint64_t poll_ns, uint64_t timeout_ns);

/* Sleep, answering heartbeats and keeping requests for later. */
void bdr_sleep(uint64_t ns);

uint64_t bdr_now(void);

#define MS (1000000ull)

/* ---- Start-up options (options.c) ---- */

/*
 * Words every driver understands on its command line:
 *   label=NAME  publish as NAME instead of the driver's own name
 *   pci=EP      the PCI bus driver's endpoint (without ds)
 *   nods        do not use ds at all (test set-ups without it)
 * bdr_options() also hands back the words it does not know.
 */
struct bdr_options {
    const char *label;
    endpoint_t pci;
    bool use_ds;
};

extern struct bdr_options bdr_opts;

/* Parse argv; the unknown words are left in argv[1..], their count returned. */
int bdr_options(int argc, char **argv, const char *default_label);

/* Look a service up in ds, trying for up to timeout_ns while it starts. */
int bdr_lookup(const char *label, endpoint_t *ep, uint64_t timeout_ns);

/* Print on the console with the driver's label in front. */
void bdr_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- The PCI bus driver's client side (pci.c) ---- */

/* Find the bus driver (the pci= option, else ds). */
int pci_connect(void);
int pci_find(uint16_t vendor, uint16_t device, int class_code, int subclass, int index,
             uint32_t *id);
int pci_claim(uint32_t id);
int pci_release(uint32_t id);
int pci_get_info(uint32_t id, struct pci_info *info);
int pci_get_bar(uint32_t id, int bar, uint64_t *base, uint64_t *len, uint32_t *flags);
int pci_conf_read(uint32_t id, uint32_t offset, int size, uint32_t *value);
int pci_conf_write(uint32_t id, uint32_t offset, int size, uint32_t value);
int pci_enable(uint32_t id, uint32_t flags);

/* ---- Port I/O shorthands (checked by the kernel against privileges) ---- */

static inline uint8_t port_in8(unsigned port)
{
    uint32_t v = 0xFF;
    sys_devio(DEVIO_IN, 1, port, &v);
    return (uint8_t)v;
}

static inline uint16_t port_in16(unsigned port)
{
    uint32_t v = 0xFFFF;
    sys_devio(DEVIO_IN, 2, port, &v);
    return (uint16_t)v;
}

static inline uint32_t port_in32(unsigned port)
{
    uint32_t v = 0xFFFFFFFF;
    sys_devio(DEVIO_IN, 4, port, &v);
    return v;
}

static inline void port_out8(unsigned port, uint8_t value)
{
    uint32_t v = value;
    sys_devio(DEVIO_OUT, 1, port, &v);
}

static inline void port_out16(unsigned port, uint16_t value)
{
    uint32_t v = value;
    sys_devio(DEVIO_OUT, 2, port, &v);
}

static inline void port_out32(unsigned port, uint32_t value)
{
    sys_devio(DEVIO_OUT, 4, port, &value);
}

#endif
