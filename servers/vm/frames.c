/*
 * The frame pool: all memory the kernel left free at boot. A stack of free
 * frame numbers gives O(1) allocation; a 16-bit count per frame says how
 * many mappings share it.
 */
#include <stdlib.h>
#include "vm.h"

#define MAX_RANGES 64

struct range {
    uint64_t base, npages, first; /* first: index of its first frame */
};

static struct range ranges[MAX_RANGES];
static int nranges;
static uint64_t nframes, nfree;
static uint16_t *refcnt;
static uint32_t *free_stack;

static int64_t frame_index(uint64_t pa)
{
    for (int i = 0; i < nranges; i++)
        if (pa >= ranges[i].base && pa < ranges[i].base + ranges[i].npages * PAGE)
            return (int64_t)(ranges[i].first + (pa - ranges[i].base) / PAGE);
    return -1;
}

static uint64_t frame_addr(uint64_t index)
{
    for (int i = 0; i < nranges; i++)
        if (index >= ranges[i].first && index < ranges[i].first + ranges[i].npages)
            return ranges[i].base + (index - ranges[i].first) * PAGE;
    srv_panic("frame index %lu outside the pool", index);
}

void frames_init(void)
{
    static struct kinfo_memrange mem[MAX_RANGES];
    int n = 0;

    if (sys_getinfo(INFO_MEMORY, mem, sizeof(mem), &n) < 0 || n == 0)
        srv_panic("no free memory from the kernel");
    for (int i = 0; i < n && i < MAX_RANGES; i++) {
        ranges[nranges] = (struct range){ mem[i].base, mem[i].size / PAGE, nframes };
        nframes += ranges[nranges++].npages;
    }
    refcnt = calloc(nframes, sizeof(*refcnt));
    free_stack = malloc(nframes * sizeof(*free_stack));
    if (!refcnt || !free_stack)
        srv_panic("no heap for %lu frames", nframes);
    for (uint64_t i = nframes; i-- > 0;)
        free_stack[nfree++] = (uint32_t)i;
}

/* A frame with one reference (zeroed if asked), or 0 when memory is gone. */
uint64_t frame_alloc(bool zero)
{
    while (nfree == 0)
        if (!images_reclaim())
            return 0;
    uint32_t index = free_stack[--nfree];
    uint64_t pa = frame_addr(index);
    refcnt[index] = 1;
    if (zero && sys_physzero(pa, PAGE) < 0)
        srv_panic("cannot zero frame %lx", pa);
    return pa;
}

/* n free frames at consecutive physical addresses, each with one
 * reference and zeroed; the first's address, or 0. A linear search: only
 * drivers ask, once each, for their DMA rings. */
static uint64_t contig_take(uint64_t n)
{
    for (int g = 0; g < nranges; g++) {
        uint64_t run = 0;
        for (uint64_t i = ranges[g].first; i < ranges[g].first + ranges[g].npages; i++) {
            run = refcnt[i] ? 0 : run + 1;
            if (run < n)
                continue;
            uint64_t first = i + 1 - n;
            uint64_t kept = 0;
            for (uint64_t k = 0; k < nfree; k++) /* take them off the free stack */
                if (free_stack[k] < first || free_stack[k] > i)
                    free_stack[kept++] = free_stack[k];
            nfree = kept;
            for (uint64_t k = first; k <= i; k++)
                refcnt[k] = 1;
            uint64_t pa = frame_addr(first);
            if (sys_physzero(pa, n * PAGE) < 0)
                srv_panic("cannot zero frames at %lx", pa);
            return pa;
        }
    }
    return 0;
}

uint64_t frames_alloc_contig(uint64_t n)
{
    uint64_t pa;

    while (!(pa = contig_take(n)))
        if (!images_reclaim())
            return 0;
    return pa;
}

void frame_ref(uint64_t pa)
{
    int64_t i = frame_index(pa);

    if (i >= 0)
        refcnt[i]++;
}

void frame_unref(uint64_t pa)
{
    int64_t i = frame_index(pa);

    if (i < 0 || refcnt[i] == 0)
        return;
    if (--refcnt[i] == 0)
        free_stack[nfree++] = (uint32_t)i;
}

/* Must a write to this frame copy it first? */
bool frame_shared(uint64_t pa)
{
    int64_t i = frame_index(pa);

    return i < 0 || refcnt[i] > 1;
}

uint64_t frames_total(void)
{
    return nframes;
}
uint64_t frames_free(void)
{
    return nfree;
}
