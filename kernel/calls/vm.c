/* Page tables for vm: KC_VMMAP, KC_VMUNMAP, KC_VMPROTECT, KC_VMCOPY, KC_VMQUERY, KC_VMCTL. */
#include "../kcall.h"
#include "../fault.h"
#include "../sched.h"

#define PAGE     4096ull
#define USER_END 0x0000800000000000ull

static int check_range(uint64_t va, uint64_t npages)
{
    if ((va & (PAGE - 1)) || npages == 0 || npages > (1ull << 24) || va < PAGE ||
        va + npages * PAGE > USER_END || va + npages * PAGE < va)
        return -EINVAL;
    return 0;
}

static int map_target(struct thread *t, endpoint_t ep, struct thread **x)
{
    int r = kcall_target(t, ep, x);

    if (r == 0 && !(t->priv->spec.flags & PRIV_PAGER) && (*x)->space != t->space)
        r = -EPERM;
    return r;
}

int do_vmmap(struct thread *t, message *m)
{
    struct kc_vmmap *v = &m->kc_vmmap;
    struct thread *x;
    int r = map_target(t, v->ep, &x);

    if (r == 0)
        r = check_range(v->vaddr, v->npages);
    if (r < 0)
        return r;
    if ((v->paddr & (PAGE - 1)) || v->paddr + v->npages * PAGE < v->paddr)
        return -EINVAL;
    if ((v->flags & VMF_DEVICE) ? !priv_has_mem(x->priv, v->paddr, v->npages * PAGE)
                                : !(t->priv->spec.flags & PRIV_PAGER))
        return -EPERM; /* RAM is vm's to map; devices only within the target's ranges */
    for (uint64_t i = 0; i < v->npages; i++) {
        r = arch_map(x->space, v->vaddr + i * PAGE, v->paddr + i * PAGE,
                     (uint32_t)v->flags | VMF_USER);
        if (r < 0) {
            while (i-- > 0)
                arch_unmap(x->space, v->vaddr + i * PAGE);
            return r;
        }
    }
    return 0;
}

int do_vmunmap(struct thread *t, message *m)
{
    struct kc_vmmap *v = &m->kc_vmmap;
    struct thread *x;
    int r = map_target(t, v->ep, &x);

    if (r == 0)
        r = check_range(v->vaddr, v->npages);
    if (r < 0)
        return r;
    for (uint64_t i = 0; i < v->npages; i++)
        arch_unmap(x->space, v->vaddr + i * PAGE);
    return 0;
}

int do_vmprotect(struct thread *t, message *m)
{
    struct kc_vmmap *v = &m->kc_vmmap;
    struct thread *x;
    int r = map_target(t, v->ep, &x);

    if (r == 0)
        r = check_range(v->vaddr, v->npages);
    if (r < 0)
        return r;
    for (uint64_t i = 0; i < v->npages; i++)
        arch_protect(x->space, v->vaddr + i * PAGE, (uint32_t)v->flags | VMF_USER);
    return 0;
}

/* Share src's present pages in [vaddr, +npages) with dst; VMF_COW makes both
 * read-only so the first write faults to vm. */
int do_vmcopy(struct thread *t, message *m)
{
    struct kc_vmcopy *v = &m->kc_vmcopy;
    struct thread *src, *dst;
    int r = map_target(t, v->src_ep, &src);

    if (r == 0)
        r = map_target(t, v->dst_ep, &dst);
    if (r == 0)
        r = check_range(v->vaddr, v->npages);
    if (r < 0)
        return r;
    for (uint64_t i = 0; i < v->npages; i++) {
        uint64_t va = v->vaddr + i * PAGE, pa;
        uint32_t flags;
        if (arch_lookup(src->space, va, &pa, &flags) < 0)
            continue;
        if (v->flags & VMF_COW) {
            flags &= ~VMF_WRITE;
            arch_protect(src->space, va, flags);
        }
        r = arch_map(dst->space, va, pa, flags);
        if (r < 0)
            return r;
    }
    return 0;
}

int do_vmquery(struct thread *t, message *m)
{
    struct kc_vmquery *q = &m->kc_vmquery;
    struct thread *x;
    uint32_t flags;
    int r = map_target(t, q->ep, &x);

    if (r < 0)
        return r;
    r = arch_lookup(x->space, q->vaddr, &q->paddr, &flags);
    q->flags = (int32_t)flags;
    return r;
}

static int vmctl_thread(struct thread *t, endpoint_t ep, struct thread **x)
{
    *x = ep_thread(ep);
    if (!*x)
        return -EDEADSRCDST;
    if (!((*x)->rts & RTS_PAGEFAULT) || (*x)->space->pager != t->ep)
        return -EINVAL;
    return 0;
}

int do_vmctl(struct thread *t, message *m)
{
    struct kc_vmctl *c = &m->kc_vmctl;
    struct thread *x;
    int r;

    switch (c->op) {
    case VMCTL_GET_FAULT:
        x = fault_next_pagefault(t);
        c->ep = x ? x->ep : NONE;
        if (x) {
            c->owner = x->space->owner; /* vm knows processes, not their other threads */
            c->addr = x->fault_addr;
            c->error = x->fault_error;
            c->write = (x->fault_error & 2) != 0;
            c->rip = x->fault_rip;
        }
        return 0;
    case VMCTL_RESUME:
    case VMCTL_FAIL:
        r = vmctl_thread(t, c->ep, &x);
        if (r < 0)
            return r;
        thread_unblock(x, RTS_PAGEFAULT);
        if (c->op == VMCTL_FAIL)
            fault_exception(x, 14, x->fault_error, x->fault_addr);
        return 0;
    case VMCTL_SETPAGER:
        r = map_target(t, c->ep, &x);
        if (r == 0)
            x->space->pager = c->pager;
        return r;
    default:
        return -EINVAL;
    }
}
