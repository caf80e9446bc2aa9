/* The memory calls of processes: brk, mmap, munmap, mprotect. */
#include <string.h>
#include "vm.h"

#define ROUND_UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))

static struct region *heap_of(struct vmproc *p)
{
    for (struct region *r = p->regions; r; r = r->next)
        if (r->flags & R_HEAP)
            return r;
    return NULL;
}

/* Refuse requests that cannot be met now: a clear ENOMEM beats a process
 * killed later by a page fault nothing can satisfy. */
static bool memory_for(uint64_t bytes)
{
    return bytes / PAGE + 64 <= frames_free();
}

int do_brk(message *m)
{
    struct vmproc *p = vmproc_get(m->m_source);
    struct region *heap = p ? heap_of(p) : NULL;
    uint64_t want = ROUND_UP(m->vm_mem.addr);

    if (!heap)
        return -ENOMEM;
    if (m->vm_mem.addr == 0 || want == heap->end) {
        m->vm_mem.addr = heap->end;
        return 0;
    }
    if (want < heap->start)
        return -EINVAL;
    if (want > heap->end) {
        struct region *next = heap->next;
        if ((next && want > next->start) || want > MMAP_TOP || !memory_for(want - heap->end))
            return -ENOMEM;
    }
    int r = region_resize(heap, want, p->ep);
    m->vm_mem.addr = heap->end;
    return r;
}

/* The highest free range of len bytes below MMAP_TOP. */
static uint64_t find_space(struct vmproc *p, uint64_t len)
{
    uint64_t top = MMAP_TOP;

    for (;;) {
        uint64_t start = top - len;
        struct region *clash = NULL;
        for (struct region *r = p->regions; r; r = r->next)
            if (r->start < top && start < r->end)
                clash = r;
        if (!clash)
            return start;
        if (clash->start < len + USER_BASE)
            return 0;
        top = clash->start;
    }
}

/* Back all of r at once with consecutive frames (a driver's DMA memory). */
static int populate_contig(struct vmproc *p, struct region *r)
{
    uint64_t n = (r->end - r->start) / PAGE;

    if (r->end - r->start > VM_CONTIG_MAX)
        return -EINVAL;
    uint64_t pa = frames_alloc_contig(n);
    if (!pa)
        return -ENOMEM;
    for (uint64_t i = 0; i < n; i++)
        r->pages[i] = pa + i * PAGE;
    return sys_vmmap(p->ep, r->start, pa, n, map_flags(r, (r->prot & VM_PROT_WRITE) != 0));
}

/* Was ep started by the kernel from a boot module (and is it that
 * process still, not a later one in its slot)? */
static bool is_boot_process(endpoint_t ep)
{
    static struct kinfo_module mods[32];
    static int n = -1;

    if (n < 0 && sys_getinfo(INFO_MODULES, mods, sizeof(mods), &n) < 0)
        n = 0;
    for (int i = 0; i < n; i++)
        if (mods[i].ep == ep)
            return true;
    return false;
}

/* Make every page of r present now. */
static int populate(struct vmproc *p, struct region *r)
{
    for (uint64_t a = r->start; a < r->end; a += PAGE) {
        int e = fault_resolve(p->ep, a, (r->prot & VM_PROT_WRITE) != 0);
        if (e < 0)
            return e;
    }
    return 0;
}

int do_mmap(message *m)
{
    struct vmproc *p = vmproc_get(m->m_source);

    /* A boot process is not vm's until it maps memory: its program, heap
     * and stack were premapped by the kernel, low in its space and at the
     * stack top, out of find_space's way. */
    if (!p && is_boot_process(m->m_source))
        p = vmproc_new(m->m_source);
    uint64_t len = ROUND_UP(m->vm_mem.len), addr = m->vm_mem.addr;

    if (!p)
        return -ENOMEM;
    if (len == 0 || len > (1ull << 40))
        return -EINVAL;
    if (!memory_for(len))
        return -ENOMEM;
    if (m->vm_mem.flags & VM_MAP_FIXED) {
        if ((addr & (PAGE - 1)) || addr < USER_BASE || addr + len > MMAP_TOP)
            return -EINVAL;
        int r = range_remove(p, addr, addr + len);
        if (r < 0)
            return r;
    } else {
        addr = find_space(p, len);
        if (!addr)
            return -ENOMEM;
    }
    struct region *r = region_add(p, addr, addr + len, m->vm_mem.prot, 0);
    if (!r)
        return -ENOMEM;
    if (m->vm_mem.flags & (VM_MAP_CONTIG | VM_MAP_POPULATE)) {
        int e = (m->vm_mem.flags & VM_MAP_CONTIG) ? populate_contig(p, r) : populate(p, r);
        if (e < 0) {
            range_remove(p, addr, addr + len);
            return e;
        }
    }
    m->vm_mem.addr = addr;
    return 0;
}

static int check_range(struct vmproc *p, uint64_t addr, uint64_t len)
{
    if (!p)
        return -EINVAL;
    if ((addr & (PAGE - 1)) || len == 0 || addr + len < addr || addr + ROUND_UP(len) > STACK_TOP)
        return -EINVAL;
    return 0;
}

int do_munmap(message *m)
{
    struct vmproc *p = vmproc_get(m->m_source);
    int r = check_range(p, m->vm_mem.addr, m->vm_mem.len);

    return r < 0 ? r : range_remove(p, m->vm_mem.addr, m->vm_mem.addr + ROUND_UP(m->vm_mem.len));
}

int do_mprotect(message *m)
{
    struct vmproc *p = vmproc_get(m->m_source);
    int r = check_range(p, m->vm_mem.addr, m->vm_mem.len);
    uint64_t end = m->vm_mem.addr + ROUND_UP(m->vm_mem.len);

    if (r < 0)
        return r;
    for (uint64_t a = m->vm_mem.addr; a < end; a += PAGE)
        if (!region_find(p, a))
            return -ENOMEM; /* POSIX: part of the range is not mapped */
    return range_protect(p, m->vm_mem.addr, end, m->vm_mem.prot);
}

int do_info(message *m)
{
    m->vm_info.total_pages = frames_total();
    m->vm_info.free_pages = frames_free() + images_reclaimable();
    return 0;
}

/* Whether the caller's own memory holds len bytes at addr, readable (and
 * writable if asked): libc asks before it follows a pointer a call gave
 * it (recvmsg's msghdr), so a bad one is EFAULT, not a fault. A process
 * whose memory vm does not manage (a boot process) is taken at its word. */
int do_check(message *m)
{
    struct vmproc *p = vmproc_get(m->m_source);
    uint64_t a = m->vm_mem.addr, end = a + m->vm_mem.len;
    int want = m->vm_mem.write ? VM_PROT_WRITE : VM_PROT_READ;

    if (!p)
        return 0;
    if (end < a)
        return -EFAULT;
    while (a < end) {
        struct region *r = region_find(p, a);
        if (!r || !(r->prot & want))
            return -EFAULT;
        a = r->end;
    }
    return 0;
}

/* rs keeps the boot modules mapped, to restart boot services from them
 * (servers/rs/load.c). The frames are not vm's: they are never freed. */
int do_map_module(message *m)
{
    static struct kinfo_module mods[32];
    struct vmproc *p = vmproc_get(m->m_source);
    int n = 0;

    if (m->m_source != RS_EP)
        return -EPERM;
    if (!p && is_boot_process(m->m_source))
        p = vmproc_new(m->m_source);
    if (!p)
        return -EINVAL;
    if (sys_getinfo(INFO_MODULES, mods, sizeof(mods), &n) < 0 || m->vm_mem.len >= (uint64_t)n)
        return -EINVAL;
    const struct kinfo_module *mod = &mods[m->vm_mem.len];
    uint64_t len = ROUND_UP(mod->size), addr;
    if ((mod->start & (PAGE - 1)) || len == 0 || !(addr = find_space(p, len)))
        return -EINVAL;
    struct region *r = region_add(p, addr, addr + len, VM_PROT_READ, 0);
    if (!r)
        return -ENOMEM;
    for (uint64_t i = 0; i < len / PAGE; i++)
        r->pages[i] = mod->start + i * PAGE;
    int e = sys_vmmap(p->ep, addr, mod->start, len / PAGE, map_flags(r, false));
    if (e < 0) {
        memset(r->pages, 0, len / PAGE * sizeof(uint64_t));
        range_remove(p, addr, addr + len);
        return e;
    }
    m->vm_mem.addr = addr;
    m->vm_mem.len = mod->size;
    return 0;
}
