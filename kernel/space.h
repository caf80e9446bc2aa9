/*
 * Address spaces. The page tables belong to the kernel; the frames they map
 * belong to vm (or, for the boot processes, were given at boot). A space
 * lives as long as one of its threads does.
 */
#ifndef SPACE_H
#define SPACE_H

#include "kernel.h"
#include <ember/types.h>

/* Where a region of user addresses keeps its last-level page table, as
 * the arch's page walk remembers it (paging.c); key 0: none. */
struct walk_memo {
    uint64_t key;
    uint64_t *table;
};
#define NR_WALK_MEMO 4

struct space {
    uint64_t root;  /* physical address of the top-level table */
    uint16_t asid;  /* PCID when the CPU has it */
    bool tlb_stale; /* mappings changed while not loaded: flush on next load */
    bool in_use;
    int nthreads;
    endpoint_t pager;     /* receives this space's page faults, or NONE */
    endpoint_t owner;     /* the first thread: the process's endpoint */
    uint64_t grant_table; /* the process's grant table (user address) */
    uint32_t grant_count;
    struct walk_memo walk_memo[NR_WALK_MEMO];
};

#define NR_SPACES NR_SLOTS

extern struct space spaces[NR_SPACES];

struct space *space_create(void);
void space_put(struct space *s);

/* Copies between user memory and the kernel, or between two spaces; they
 * return 0, -EFAULT, or -EVMFAULT with *fault set to the address vm must
 * make present (only for spaces with a pager). */
struct copy_fault {
    uint64_t addr;
    struct space *space;
    bool write;
};

int copy_from_space(struct space *s, uint64_t src, void *dst, size_t len, struct copy_fault *f);

/* Reads of a table in one space, entry after entry, within one kernel
 * call: each page is translated once, not once per entry. */
struct space_reader {
    struct space *s;
    uint64_t page; /* the user page last translated, or 1 for none */
    uint64_t pa;   /* its frame */
};
void space_reader_init(struct space_reader *r, struct space *s);
int space_read(struct space_reader *r, uint64_t src, void *dst, size_t len);
int copy_to_space(struct space *s, uint64_t dst, const void *src, size_t len, struct copy_fault *f);
int copy_between(struct space *from, uint64_t src, struct space *to, uint64_t dst, size_t len,
                 struct copy_fault *f);
int copy_between_forced(struct space *from, uint64_t src, struct space *to, uint64_t dst,
                        size_t len);
int space_phys(struct space *s, uint64_t va, bool write, uint64_t *pa, struct copy_fault *f);

#endif
