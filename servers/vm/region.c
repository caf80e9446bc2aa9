/*
 * Regions: the address ranges of a process and the frames behind them.
 * Changing a range (unmap, protect) splits the regions it cuts through, so
 * each region always has one protection.
 */
#include <stdlib.h>
#include <string.h>
#include "vm.h"

struct vmproc vmprocs[NR_SLOTS];

struct vmproc *vmproc_get(endpoint_t ep)
{
    struct vmproc *p = &vmprocs[EP_SLOT(ep)];

    return ep >= 0 && p->used && p->ep == ep ? p : NULL;
}

struct vmproc *vmproc_new(endpoint_t ep)
{
    struct vmproc *p = &vmprocs[EP_SLOT(ep)];

    if (p->used)
        regions_free(p, false);
    memset(p, 0, sizeof(*p));
    p->ep = ep;
    p->used = true;
    return p;
}

struct region *region_find(struct vmproc *p, uint64_t addr)
{
    for (struct region *r = p->regions; r; r = r->next)
        if (addr >= r->start && addr < r->end)
            return r;
    return NULL;
}

bool range_free(struct vmproc *p, uint64_t start, uint64_t end)
{
    for (struct region *r = p->regions; r; r = r->next)
        if (r->start < end && start < r->end)
            return false;
    return true;
}

static uint64_t npages(uint64_t start, uint64_t end)
{
    return (end - start) / PAGE;
}

/* A new region, kept sorted; NULL when out of memory for the page array. */
struct region *region_add(struct vmproc *p, uint64_t start, uint64_t end, int prot, int flags)
{
    struct region *r = calloc(1, sizeof(*r));

    if (!r)
        return NULL;
    r->pages = calloc(npages(start, end) ? npages(start, end) : 1, sizeof(uint64_t));
    if (!r->pages) {
        free(r);
        return NULL;
    }
    r->start = start;
    r->end = end;
    r->prot = prot;
    r->flags = flags;
    struct region **pp = &p->regions;
    while (*pp && (*pp)->start < start)
        pp = &(*pp)->next;
    r->next = *pp;
    *pp = r;
    return r;
}

int map_flags(const struct region *r, bool writable)
{
    int f = VMF_USER;

    if (writable)
        f |= VMF_WRITE;
    if (r->prot & VM_PROT_EXEC)
        f |= VMF_EXEC;
    return f;
}

/* Release pages [first, last) of r: drop their frames, unmap them (unless
 * ep is NONE). */
void release_pages(struct region *r, uint64_t first, uint64_t last, endpoint_t ep)
{
    for (uint64_t i = first; i < last; i++) {
        if (!r->pages[i])
            continue;
        frame_unref(r->pages[i]);
        r->pages[i] = 0;
        if (ep != NONE)
            sys_vmunmap(ep, r->start + i * PAGE, 1);
    }
}

/* Grow or shrink r at its end. */
int region_resize(struct region *r, uint64_t new_end, endpoint_t ep)
{
    uint64_t old = npages(r->start, r->end), now = npages(r->start, new_end);

    if (now < old)
        release_pages(r, now, old, ep);
    uint64_t *pages = realloc(r->pages, (now ? now : 1) * sizeof(uint64_t));
    if (!pages)
        return -ENOMEM;
    if (now > old)
        memset(pages + old, 0, (now - old) * sizeof(uint64_t));
    r->pages = pages;
    r->end = new_end;
    return 0;
}

/* Split r at addr (inside it): r keeps [start, addr), a new region the rest. */
static int split(struct region *r, uint64_t addr)
{
    struct region *t = calloc(1, sizeof(*t));
    uint64_t head = npages(r->start, addr), tail = npages(addr, r->end);

    if (!t)
        return -ENOMEM;
    t->pages = malloc(tail * sizeof(uint64_t));
    if (!t->pages) {
        free(t);
        return -ENOMEM;
    }
    memcpy(t->pages, r->pages + head, tail * sizeof(uint64_t));
    t->start = addr;
    t->end = r->end;
    t->prot = r->prot;
    t->flags = r->flags;
    t->next = r->next;
    r->next = t;
    r->end = addr;
    return 0;
}

/* Make region boundaries fall on start and end. */
static int cut(struct vmproc *p, uint64_t start, uint64_t end)
{
    for (struct region *r = p->regions; r; r = r->next) {
        int e = 0;
        if (start > r->start && start < r->end)
            e = split(r, start);
        else if (end > r->start && end < r->end)
            e = split(r, end);
        if (e < 0)
            return e;
    }
    return 0;
}

int range_remove(struct vmproc *p, uint64_t start, uint64_t end)
{
    int e = cut(p, start, end);

    if (e < 0)
        return e;
    struct region **pp = &p->regions;
    while (*pp) {
        struct region *r = *pp;
        if (r->start >= start && r->end <= end) {
            release_pages(r, 0, npages(r->start, r->end), p->ep);
            *pp = r->next;
            free(r->pages);
            free(r);
        } else {
            pp = &r->next;
        }
    }
    return 0;
}

int range_protect(struct vmproc *p, uint64_t start, uint64_t end, int prot)
{
    int e = cut(p, start, end);

    if (e < 0)
        return e;
    for (struct region *r = p->regions; r; r = r->next) {
        if (r->start < start || r->end > end)
            continue;
        r->prot = prot;
        for (uint64_t i = 0; i < npages(r->start, r->end); i++) {
            uint64_t pa = r->pages[i], va = r->start + i * PAGE;
            if (!pa)
                continue;
            if (!(prot & (VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXEC)))
                sys_vmunmap(p->ep, va, 1); /* PROT_NONE: keep the frame, fault on access */
            else
                sys_vmmap(p->ep, va, pa, 1,
                          map_flags(r, (prot & VM_PROT_WRITE) && !frame_shared(pa)));
        }
    }
    return 0;
}

/* Drop every region; unmap them too when the process lives on (exec). */
void regions_free(struct vmproc *p, bool unmap)
{
    while (p->regions) {
        struct region *r = p->regions;
        p->regions = r->next;
        release_pages(r, 0, npages(r->start, r->end), unmap ? p->ep : NONE);
        free(r->pages);
        free(r);
    }
}
