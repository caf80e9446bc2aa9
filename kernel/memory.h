/*
 * Physical memory as the kernel sees it.
 *
 * At boot, the usable RAM that is not the kernel, the boot modules or the
 * first MiB becomes a short list of free ranges. The kernel takes from them
 * (mem_take) what it needs while booting: its page-table pool and the memory
 * of the boot processes. What is left is handed to vm, which owns all other
 * memory from then on. The kernel's pool (frame_alloc/frame_free) serves only
 * page tables and other kernel objects of a page.
 */
#ifndef MEMORY_H
#define MEMORY_H

#include "kernel.h"

#define MAX_FREE_RANGES 64

struct mem_range {
    uint64_t base, end; /* physical, page aligned, end exclusive */
};

extern struct mem_range free_ranges[MAX_FREE_RANGES];
extern int nfree_ranges;
extern uint64_t mem_total; /* bytes of usable RAM */
extern uint64_t mem_top;   /* end of the highest usable range */

void mem_init(void);
uint64_t mem_take(uint64_t pages, uint64_t below);
void kpool_init(void);
uint64_t frame_alloc(void);
void frame_free(uint64_t pa);
uint64_t frames_free_count(void);

#endif
