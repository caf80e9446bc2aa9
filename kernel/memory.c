/* Physical memory at boot, and the kernel's own pool of page frames. */
#include "memory.h"
#include "bootinfo.h"
#include "arch.h"

#define PAGE        4096ull
#define LOW_MEM_END (1ull << 20)

struct mem_range free_ranges[MAX_FREE_RANGES];
int nfree_ranges;
uint64_t mem_total;
uint64_t mem_top;

/* Free-list of pool frames, linked through their first word (direct map). */
static uint64_t pool_head;
static uint64_t pool_count;

static void add_range(uint64_t base, uint64_t end)
{
    base = ROUND_UP(base, PAGE);
    end = ROUND_DOWN(end, PAGE);
    if (end <= base || nfree_ranges == MAX_FREE_RANGES)
        return;
    free_ranges[nfree_ranges++] = (struct mem_range){ base, end };
}

/* Usable memory minus the first MiB and [kernel_start, reserved_end). */
void mem_init(void)
{
    for (int i = 0; i < bootinfo.nmem; i++) {
        const struct boot_memrange *r = &bootinfo.mem[i];
        if (r->type != MEM_USABLE)
            continue;
        uint64_t base = MAX(r->base, LOW_MEM_END), end = r->base + r->len;
        mem_total += r->len;
        mem_top = MAX(mem_top, end);
        if (base < bootinfo.kernel_start && end > base)
            add_range(base, MIN(end, bootinfo.kernel_start));
        if (end > bootinfo.reserved_end)
            add_range(MAX(base, bootinfo.reserved_end), end);
    }
    if (nfree_ranges == 0)
        panic("mem_init: no usable memory above the kernel and modules");
}

/* Take 'pages' contiguous frames lying below 'below'; 0 if there are none. */
uint64_t mem_take(uint64_t pages, uint64_t below)
{
    uint64_t bytes = pages * PAGE;

    for (int i = 0; i < nfree_ranges; i++) {
        struct mem_range *r = &free_ranges[i];
        if (r->end - r->base >= bytes && r->base + bytes <= below) {
            uint64_t pa = r->base;
            r->base += bytes;
            return pa;
        }
    }
    return 0;
}

/* The pool: 1/32 of RAM, at least 4 MiB and at most 64 MiB. */
void kpool_init(void)
{
    uint64_t bytes = MIN(MAX(mem_total / 32, 4ull << 20), 64ull << 20);

    for (uint64_t pages = bytes / PAGE; pages > 0;) {
        uint64_t chunk = MIN(pages, 1024);
        uint64_t pa = mem_take(chunk, ~0ull);
        if (!pa) {
            if (chunk == 1)
                break;
            pages = chunk / 2;
            continue;
        }
        for (uint64_t i = 0; i < chunk; i++)
            frame_free(pa + i * PAGE);
        pages -= chunk;
    }
    if (pool_count < 64)
        panic("kpool_init: only %lu frames for the kernel pool", (unsigned long)pool_count);
}

/* A zeroed frame from the kernel pool, or 0 when the pool is empty. */
uint64_t frame_alloc(void)
{
    uint64_t pa = pool_head;

    if (!pa)
        return 0;
    uint64_t *p = phys_to_virt(pa);
    pool_head = *p;
    pool_count--;
    memset(p, 0, PAGE);
    return pa;
}

void frame_free(uint64_t pa)
{
    assert(pa && (pa & (PAGE - 1)) == 0);
    *(uint64_t *)phys_to_virt(pa) = pool_head;
    pool_head = pa;
    pool_count++;
}

uint64_t frames_free_count(void)
{
    return pool_count;
}
