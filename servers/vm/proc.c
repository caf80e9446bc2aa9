/*
 * Address spaces as a whole: fork (copy on write), exit, and the new image
 * of an exec. pm asks for fork and exit, vfs for exec; vm refuses them from
 * anyone else.
 */
#include <stdlib.h>
#include <string.h>
#include "vm.h"

/* Share r's present frames with the child's copy c, asking the kernel to
 * map each run of present pages: a region is mostly absent pages (the 8 MiB
 * stack), which the kernel need not walk. */
static int share_pages(struct vmproc *parent, struct vmproc *child, struct region *r,
                       struct region *c)
{
    uint64_t n = (r->end - r->start) / PAGE;
    int cow = (r->prot & VM_PROT_WRITE) ? VMF_COW : 0;

    memcpy(c->pages, r->pages, n * sizeof(uint64_t));
    for (uint64_t i = 0; i < n;) {
        if (!r->pages[i]) {
            i++;
            continue;
        }
        uint64_t run = i;
        for (; i < n && r->pages[i]; i++)
            frame_ref(r->pages[i]);
        int e = sys_vmcopy(parent->ep, child->ep, r->start + run * PAGE, i - run, cow);
        if (e < 0)
            return e;
    }
    return 0;
}

/* The child gets the parent's regions and shares every present frame. */
static int copy_regions(struct vmproc *parent, struct vmproc *child)
{
    for (struct region *r = parent->regions; r; r = r->next) {
        struct region *c = region_add(child, r->start, r->end, r->prot, r->flags);
        if (!c)
            return -ENOMEM;
        int e = share_pages(parent, child, r, c);
        if (e < 0)
            return e;
    }
    child->heap_start = parent->heap_start;
    return 0;
}

int do_fork(message *m)
{
    endpoint_t child;
    struct vmproc *parent = vmproc_get(m->vm_mem.ep);
    bool empty = m->vm_mem.flags & VM_FORK_EMPTY;

    if (m->m_source != PM_EP)
        return -EPERM;
    if (!parent && !empty)
        return -EINVAL;
    int r = sys_fork(m->vm_mem.ep, FORK_SPACE, NULL, &child);
    if (r < 0)
        return r;
    r = sys_vmctl_setpager(child, VM_EP);
    struct vmproc *c = vmproc_new(child);
    if (r == 0 && !empty)
        r = copy_regions(parent, c);
    if (r < 0) {
        regions_free(c, false);
        c->used = false;
        sys_clear(child, 0);
        return r;
    }
    m->vm_mem.ep = child;
    return 0;
}

int do_exit(message *m)
{
    struct vmproc *p = vmproc_get(m->vm_mem.ep);

    if (m->m_source != PM_EP)
        return -EPERM;
    if (!p)
        return 0; /* a boot process: its memory came from the kernel */
    regions_free(p, false);
    p->used = false;
    return 0;
}

/* The segments' regions, each writable while loading unless its frames
 * are kept from an earlier exec of the same program (bit i of *present). */
static int add_segments(struct vmproc *p, const struct vm_exec_layout *l, uint64_t *top,
                        uint32_t *present)
{
    *top = 0;
    *present = 0;
    for (uint32_t i = 0; i < l->nsegments; i++) {
        const struct vm_exec_segment *s = &l->seg[i];
        uint64_t start = s->vaddr & ~(PAGE - 1),
                 end = (s->vaddr + s->memsz + PAGE - 1) & ~(PAGE - 1);
        if (s->memsz == 0 || start < USER_BASE || end > MMAP_TOP || end < start ||
            !range_free(p, start, end))
            return -ENOEXEC;
        struct region *r = region_add(p, start, end, s->prot, R_LOADING);
        if (!r)
            return -ENOMEM;
        r->key = (struct seg_key){ l->image, s->vaddr, s->memsz, s->offset, s->filesz, s->prot };
        if (image_share(p, r)) {
            r->flags &= ~R_LOADING;
            *present |= 1u << i;
        }
        if (end > *top)
            *top = end;
    }
    return 0;
}

int do_exec_newmem(message *m)
{
    struct vm_exec_layout l;
    struct vmproc *p = vmproc_get(m->vm_mem.ep);
    uint64_t top;
    uint32_t present;

    if (m->m_source != VFS_EP && m->m_source != RS_EP) /* exec, and rs loading a service */
        return -EPERM;
    if (!p)
        return -EINVAL;
    if (sys_vircopy(m->m_source, m->vm_mem.layout, SELF, (uint64_t)&l, sizeof(l)) < 0 ||
        l.nsegments == 0 || l.nsegments > VM_MAX_SEGMENTS)
        return -ENOEXEC;
    if (m->m_source != VFS_EP)
        l.image = 0; /* only vfs names files */
    regions_free(p, true);
    int r = add_segments(p, &l, &top, &present);
    if (r == 0 && !region_add(p, top, top, VM_PROT_READ | VM_PROT_WRITE, R_HEAP))
        r = -ENOMEM;
    if (r == 0 &&
        !region_add(p, STACK_TOP - STACK_SIZE, STACK_TOP, VM_PROT_READ | VM_PROT_WRITE, R_STACK))
        r = -ENOMEM;
    if (r < 0) {
        regions_free(p, true);
        return r;
    }
    p->heap_start = top;
    m->vm_mem.addr = STACK_TOP;
    m->vm_mem.len = present;
    return 0;
}

int do_exec_done(message *m)
{
    struct vmproc *p = vmproc_get(m->vm_mem.ep);

    if (m->m_source != VFS_EP && m->m_source != RS_EP) /* exec, and rs loading a service */
        return -EPERM;
    if (!p)
        return -EINVAL;
    for (struct region *r = p->regions; r; r = r->next) {
        if (!(r->flags & R_LOADING))
            continue;
        r->flags &= ~R_LOADING;
        if (!(r->prot & VM_PROT_WRITE)) {
            range_protect(p, r->start, r->end, r->prot);
            image_keep(r);
        }
    }
    return 0;
}
