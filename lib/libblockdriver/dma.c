/*
 * DMA from user space. A device reads and writes physical memory, so a
 * driver must know the physical address of every byte it hands out. It
 * asks the kernel, page by page (KC_VMQUERY on its own address space),
 * after touching each page so that it is present. Boot processes' memory
 * is mapped once at start and never moves; a driver started later relies
 * on vm not moving its pages either (vm has no paging to disk).
 *
 * Pages that follow each other in virtual memory need not be neighbours
 * in physical memory, so a transfer is described to the device as one
 * segment per run of physically consecutive pages (scatter-gather).
 */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ember/startup.h>
#include "bdr.h"

#define CONTIG_WINDOW_MIN 32 /* pages searched for a contiguous run */

static size_t round_pages(size_t size)
{
    return (size + BDR_PAGE - 1) / BDR_PAGE;
}

/* Touch and look up every page of [virt, virt + npages pages). */
static int query_pages(uint8_t *virt, size_t npages, uint64_t *pages)
{
    for (size_t i = 0; i < npages; i++) {
        volatile uint8_t *p = virt + i * BDR_PAGE;
        *p = 0;
        int r = sys_vmquery(SELF, (uint64_t)p, &pages[i], NULL);
        if (r < 0)
            return r;
        pages[i] &= ~(uint64_t)(BDR_PAGE - 1);
    }
    return 0;
}

int dma_alloc(struct dma_buf *b, size_t size)
{
    size_t npages = round_pages(size);

    if (npages == 0)
        return -EINVAL;
    b->virt = memalign(BDR_PAGE, npages * BDR_PAGE);
    b->pages = malloc(npages * sizeof(uint64_t));
    b->size = npages * BDR_PAGE;
    int r = b->virt && b->pages ? query_pages(b->virt, npages, b->pages) : -ENOMEM;
    if (r < 0) {
        free(b->virt);
        free(b->pages);
        memset(b, 0, sizeof(*b));
        return r;
    }
    memset(b->virt, 0, b->size);
    return 0;
}

/* The first index of a run of n consecutive frames in pages[0..total). */
static long find_run(const uint64_t *pages, size_t total, size_t n)
{
    size_t start = 0;

    for (size_t i = 1; i <= total; i++) {
        if (i - start == n)
            return (long)start;
        if (i < total && pages[i] != pages[i - 1] + BDR_PAGE)
            start = i;
    }
    return -1;
}

/* Physically contiguous memory: a boot process's premapped heap is one
 * physical run, searched for a window (vm may not even exist in the
 * drivers' test set-ups); any other process asks vm (MAP_CONTIG). */
int dma_alloc_contig(struct dma_buf *b, size_t size)
{
    size_t npages = round_pages(size);
    size_t window = npages * 4 > CONTIG_WINDOW_MIN ? npages * 4 : CONTIG_WINDOW_MIN;
    struct dma_buf all;

    if (npages == 0)
        return -EINVAL;
    void *p = __startup.boot ? MAP_FAILED
                             : mmap(NULL, npages * BDR_PAGE, PROT_READ | PROT_WRITE,
                                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_CONTIG, -1, 0);
    if (p != MAP_FAILED) {
        b->virt = p;
        b->size = npages * BDR_PAGE;
        b->pages = malloc(npages * sizeof(uint64_t));
        if (b->pages && query_pages(b->virt, npages, b->pages) == 0)
            return 0;
        munmap(p, npages * BDR_PAGE);
        free(b->pages);
    }
    int r = dma_alloc(&all, window * BDR_PAGE);
    if (r < 0)
        return r;
    long first = find_run(all.pages, window, npages);
    if (first < 0)
        return -ENOMEM; /* the window stays allocated: it is not worth a second try */
    b->virt = all.virt + (size_t)first * BDR_PAGE;
    b->size = npages * BDR_PAGE;
    b->pages = all.pages + first;
    return 0;
}

uint64_t dma_phys(const struct dma_buf *b, size_t off)
{
    return b->pages[off / BDR_PAGE] + off % BDR_PAGE;
}

/* Would a segment [phys, phys + len) cross a multiple of boundary? */
static bool crosses(uint64_t phys, size_t len, uint64_t boundary)
{
    return boundary && phys / boundary != (phys + len - 1) / boundary;
}

int dma_segments(const struct dma_buf *b, size_t off, size_t len, size_t max_seg, uint64_t boundary,
                 struct dma_seg *segs, int nseg)
{
    int n = 0;

    if (off > b->size || len > b->size - off || max_seg == 0)
        return -EINVAL;
    while (len > 0) {
        uint64_t pa = dma_phys(b, off);
        size_t chunk = BDR_PAGE - off % BDR_PAGE;
        chunk = chunk < len ? chunk : len;
        chunk = chunk < max_seg ? chunk : max_seg;
        if (boundary && chunk > boundary - pa % boundary)
            chunk = boundary - pa % boundary;
        struct dma_seg *last = n ? &segs[n - 1] : NULL;
        if (last && last->phys + last->len == pa && last->len + chunk <= max_seg &&
            !crosses(last->phys, last->len + chunk, boundary)) {
            last->len += chunk;
        } else {
            if (n == nseg)
                return -E2BIG;
            segs[n++] = (struct dma_seg){ pa, chunk };
        }
        off += chunk;
        len -= chunk;
    }
    return n;
}
