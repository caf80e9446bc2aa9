/*
 * Page faults. The kernel stops a faulting thread and notifies vm; vm
 * fetches each fault (KC_VMCTL) with the process it belongs to (any of its
 * threads may fault), resolves it and resumes the thread, or declares it
 * an error, which the kernel reports to the process's
 * supervisor (pm sends SIGSEGV). Servers that meet a missing page while
 * copying into a client's memory ask the same resolution (VM_FAULTIN).
 *
 *   not present, in a region      -> a zeroed frame (demand zero), and
 *                                    zeroed frames for the next few
 *                                    absent pages of the region too
 *   write to a shared frame       -> a private copy (copy on write)
 *   write to an unshared frame    -> made writable
 *   outside any region, or a write to a read-only region -> error
 */
#include <string.h>
#include "vm.h"

static int map_new(struct vmproc *p, struct region *r, uint64_t i, uint64_t pa, bool writable)
{
    r->pages[i] = pa;
    return sys_vmmap(p->ep, r->start + i * PAGE, pa, 1, map_flags(r, writable));
}

static int copy_on_write(struct vmproc *p, struct region *r, uint64_t i)
{
    uint64_t old = r->pages[i], pa = frame_alloc(false);

    if (!pa)
        return -ENOMEM;
    if (sys_physcopy(old, pa, PAGE) < 0)
        srv_panic("copy of frame %lx failed", old);
    frame_unref(old);
    return map_new(p, r, i, pa, true);
}

/*
 * Fault-around: memory is mostly touched in runs (a heap growing, a cache
 * filling, a stack, a program's data), and each fault costs two
 * address-space switches and vm's turn, so a demand-zero fault backs every
 * absent page of the aligned group of FAULT_AROUND pages around it, in
 * either direction. Only while memory is plentiful: the extra frames are a
 * guess.
 */
#define FAULT_AROUND   16
#define AROUND_RESERVE 4096 /* frames that stay free for faults proper */

static void fault_around(struct vmproc *p, struct region *r, uint64_t i, bool writable)
{
    uint64_t npages = (r->end - r->start) / PAGE;
    uint64_t first = i & ~(uint64_t)(FAULT_AROUND - 1);

    for (uint64_t k = first; k < first + FAULT_AROUND && k < npages; k++) {
        if (r->pages[k])
            continue;
        if (frames_free() <= AROUND_RESERVE)
            return;
        uint64_t pa = frame_alloc(true);
        if (!pa)
            return;
        if (map_new(p, r, k, pa, writable) < 0) {
            r->pages[k] = 0;
            frame_unref(pa);
            return;
        }
    }
}

int fault_resolve(endpoint_t ep, uint64_t addr, bool write)
{
    struct vmproc *p = vmproc_get(ep);
    struct region *r = p ? region_find(p, addr) : NULL;

    if (!r)
        return -EFAULT;
    bool writable = (r->prot & VM_PROT_WRITE) || (r->flags & R_LOADING);
    if ((write && !writable) || !(r->prot & (VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXEC)))
        return -EFAULT;
    uint64_t i = (addr - r->start) / PAGE, pa = r->pages[i];
    if (!pa) {
        pa = frame_alloc(true);
        int e = pa ? map_new(p, r, i, pa, writable) : -ENOMEM;
        if (e == 0)
            fault_around(p, r, i, writable);
        return e;
    }
    if (!write)
        return map_new(p, r, i, pa, writable && !frame_shared(pa));
    return frame_shared(pa) ? copy_on_write(p, r, i) : map_new(p, r, i, pa, true);
}

/* Drain the kernel's queue of page faults. */
void faults_handle(void)
{
    message m;

    for (;;) {
        memset(&m, 0, sizeof(m));
        m.kc_vmctl.op = VMCTL_GET_FAULT;
        if (sys_vmctl(&m) < 0 || m.kc_vmctl.ep == NONE)
            return;
        endpoint_t ep = m.kc_vmctl.ep; /* the thread, resumed; its process's memory */
        int r = fault_resolve(m.kc_vmctl.owner, m.kc_vmctl.addr, m.kc_vmctl.write);
        memset(&m, 0, sizeof(m));
        m.kc_vmctl.op = r == 0 ? VMCTL_RESUME : VMCTL_FAIL;
        m.kc_vmctl.ep = ep;
        sys_vmctl(&m);
    }
}

int do_faultin(message *m)
{
    return fault_resolve(m->vm_mem.ep, m->vm_mem.addr, m->vm_mem.write != 0);
}
