/*
 * vm's data. Every process vm manages has a list of regions sorted by
 * address; a region records, for each of its pages, the physical frame
 * behind it (0: not present yet). Frames from vm's pool carry a reference
 * count: a count above one means copy on write. Frames vm did not hand out
 * (none today) would be treated as shared and never freed.
 */
#ifndef VM_H
#define VM_H

#include <stdbool.h>
#include <stdint.h>
#include <ember/server.h>
#include <ember/proto/vm.h>

#define PAGE       4096ull
#define USER_BASE  0x400000ull
#define STACK_TOP  0x00007FFFFFFFE000ull
#define STACK_SIZE (8ull << 20)
#define MMAP_TOP   (STACK_TOP - STACK_SIZE - (1ull << 30))

/* region flags */
#define R_HEAP    0x1
#define R_STACK   0x2
#define R_LOADING 0x4 /* being filled by exec: writable until VM_EXEC_DONE */

/* Which program bytes an exec's segment holds (image 0: none). */
struct seg_key {
    uint64_t image, vaddr, memsz, offset, filesz;
    int prot;
};

struct region {
    uint64_t start, end;
    int prot;  /* VM_PROT_* */
    int flags; /* R_* */
    uint64_t *pages;
    struct seg_key key; /* set by exec for its segments */
    struct region *next;
};

struct vmproc {
    endpoint_t ep;
    bool used;
    struct region *regions;
    uint64_t heap_start;
};

extern struct vmproc vmprocs[NR_SLOTS];

int do_map_module(message *m);

/* frames.c */
void frames_init(void);
uint64_t frame_alloc(bool zero);
uint64_t frames_alloc_contig(uint64_t n);
void frame_ref(uint64_t pa);
void frame_unref(uint64_t pa);
bool frame_shared(uint64_t pa);
uint64_t frames_total(void);
uint64_t frames_free(void);

/* image.c */
bool image_share(struct vmproc *p, struct region *r);
void image_keep(const struct region *r);
bool images_reclaim(void);
uint64_t images_reclaimable(void);

/* region.c */
struct vmproc *vmproc_get(endpoint_t ep);
struct vmproc *vmproc_new(endpoint_t ep);
struct region *region_find(struct vmproc *p, uint64_t addr);
struct region *region_add(struct vmproc *p, uint64_t start, uint64_t end, int prot, int flags);
bool range_free(struct vmproc *p, uint64_t start, uint64_t end);
int region_resize(struct region *r, uint64_t new_end, endpoint_t ep);
void release_pages(struct region *r, uint64_t first, uint64_t last, endpoint_t ep);
int range_remove(struct vmproc *p, uint64_t start, uint64_t end);
int range_protect(struct vmproc *p, uint64_t start, uint64_t end, int prot);
void regions_free(struct vmproc *p, bool unmap);
int map_flags(const struct region *r, bool writable);

/* fault.c */
int fault_resolve(endpoint_t ep, uint64_t addr, bool write);
void faults_handle(void);

/* mem.c and proc.c: the calls */
int do_brk(message *m);
int do_mmap(message *m);
int do_munmap(message *m);
int do_mprotect(message *m);
int do_faultin(message *m);
int do_fork(message *m);
int do_exit(message *m);
int do_exec_newmem(message *m);
int do_exec_done(message *m);
int do_info(message *m);
int do_check(message *m);

#endif
