/* Stubs: KC_VMMAP, KC_VMUNMAP, KC_VMPROTECT, KC_VMCOPY, KC_VMQUERY, KC_VMCTL. */
#include "kc_util.h"

static int vmmap_call(int call, endpoint_t ep, uint64_t vaddr, uint64_t paddr, size_t npages,
                      int flags)
{
    message m;

    kc_init(&m, call);
    m.kc_vmmap.ep = ep;
    m.kc_vmmap.vaddr = vaddr;
    m.kc_vmmap.paddr = paddr;
    m.kc_vmmap.npages = npages;
    m.kc_vmmap.flags = flags;
    return kernel_call(&m);
}

int sys_vmmap(endpoint_t ep, uint64_t vaddr, uint64_t paddr, size_t npages, int flags)
{
    return vmmap_call(KC_VMMAP, ep, vaddr, paddr, npages, flags);
}

int sys_vmunmap(endpoint_t ep, uint64_t vaddr, size_t npages)
{
    return vmmap_call(KC_VMUNMAP, ep, vaddr, 0, npages, 0);
}

int sys_vmprotect(endpoint_t ep, uint64_t vaddr, size_t npages, int flags)
{
    return vmmap_call(KC_VMPROTECT, ep, vaddr, 0, npages, flags);
}

int sys_vmcopy(endpoint_t src, endpoint_t dst, uint64_t vaddr, size_t npages, int flags)
{
    message m;

    kc_init(&m, KC_VMCOPY);
    m.kc_vmcopy.src_ep = src;
    m.kc_vmcopy.dst_ep = dst;
    m.kc_vmcopy.vaddr = vaddr;
    m.kc_vmcopy.npages = npages;
    m.kc_vmcopy.flags = flags;
    return kernel_call(&m);
}

int sys_vmquery(endpoint_t ep, uint64_t vaddr, uint64_t *paddr, int *flags)
{
    message m;

    kc_init(&m, KC_VMQUERY);
    m.kc_vmquery.ep = ep;
    m.kc_vmquery.vaddr = vaddr;
    int r = kernel_call(&m);
    if (paddr)
        *paddr = m.kc_vmquery.paddr;
    if (flags)
        *flags = m.kc_vmquery.flags;
    return r;
}

int sys_vmctl(message *m)
{
    m->m_type = KC_VMCTL;
    return kernel_call(m);
}

int sys_vmctl_setpager(endpoint_t ep, endpoint_t pager)
{
    message m;

    kc_init(&m, KC_VMCTL);
    m.kc_vmctl.op = VMCTL_SETPAGER;
    m.kc_vmctl.ep = ep;
    m.kc_vmctl.pager = pager;
    return kernel_call(&m);
}
