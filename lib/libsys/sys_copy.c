/*
 * Stubs: KC_SETGRANT, KC_SAFECOPY, KC_VSAFECOPY, KC_VIRCOPY, KC_PHYSCOPY.
 * A copy that meets a page vm has not made present (EVMFAULT) asks vm to
 * fault it in and tries again.
 */
#include "kc_util.h"
#include <ember/endpoints.h>

#define FAULTIN_TRIES 64

/* Ask vm to make the page present. vm itself never needs this (its own
 * memory is all present) and must not call itself. */
int kc_vm_faultin(endpoint_t ep, uint64_t addr, int write)
{
    static endpoint_t self = NONE;
    message m;

    if (self == NONE)
        self = sys_self();
    if (self == VM_EP)
        return -EFAULT;
    kc_init(&m, VM_FAULTIN);
    m.vm_mem.ep = ep;
    m.vm_mem.addr = addr;
    m.vm_mem.write = write;
    int r = ipc_call(VM_EP, &m);
    return r < 0 ? r : m.m_type;
}

/* Run the call in m; on EVMFAULT ask vm and retry. The fault fields are
 * found through the pointers the caller passes for this layout. */
static int call_with_faultin(message *m, const uint64_t *addr, const endpoint_t *ep,
                             const int32_t *write)
{
    message req = *m;

    for (int tries = 0; tries < FAULTIN_TRIES; tries++) {
        *m = req;
        int r = kernel_call(m);
        if (r != -EVMFAULT)
            return r;
        r = kc_vm_faultin(*ep, *addr, *write);
        if (r < 0)
            return r;
    }
    return -EFAULT;
}

int sys_setgrant(grant_entry_t *table, size_t count)
{
    message m;

    kc_init(&m, KC_SETGRANT);
    m.kc_setgrant.table = (uint64_t)table;
    m.kc_setgrant.count = count;
    return kernel_call(&m);
}

static int safecopy(int dir, endpoint_t owner, grant_id_t g, size_t off, uint64_t addr, size_t len)
{
    message m;
    struct kc_safecopy *c = &m.kc_safecopy;

    kc_init(&m, KC_SAFECOPY);
    c->dir = dir;
    c->owner = owner;
    c->grant = g;
    c->offset = off;
    c->addr = addr;
    c->len = len;
    return call_with_faultin(&m, &c->fault_addr, &c->fault_ep, &c->fault_write);
}

int sys_safecopyfrom(endpoint_t owner, grant_id_t g, size_t off, void *addr, size_t len)
{
    return safecopy(COPY_FROM, owner, g, off, (uint64_t)addr, len);
}

int sys_safecopyto(endpoint_t owner, grant_id_t g, size_t off, const void *addr, size_t len)
{
    return safecopy(COPY_TO, owner, g, off, (uint64_t)addr, len);
}

int sys_vsafecopy(struct vsafecopy_elem *vec, size_t count)
{
    message m;
    struct kc_vsafecopy *c = &m.kc_vsafecopy;

    kc_init(&m, KC_VSAFECOPY);
    c->vec = (uint64_t)vec;
    c->count = count;
    return call_with_faultin(&m, &c->fault_addr, &c->fault_ep, &c->fault_write);
}

int sys_vircopy(endpoint_t src_ep, uint64_t src, endpoint_t dst_ep, uint64_t dst, size_t len)
{
    message m;
    struct kc_vircopy *c = &m.kc_vircopy;

    kc_init(&m, KC_VIRCOPY);
    c->src_ep = src_ep;
    c->dst_ep = dst_ep;
    c->src = src;
    c->dst = dst;
    c->len = len;
    return call_with_faultin(&m, &c->fault_addr, &c->fault_ep, &c->fault_write);
}

int sys_physcopy(uint64_t src, uint64_t dst, size_t len)
{
    message m;

    kc_init(&m, KC_PHYSCOPY);
    m.kc_physcopy.src = src;
    m.kc_physcopy.dst = dst;
    m.kc_physcopy.len = len;
    return kernel_call(&m);
}

int sys_physzero(uint64_t dst, size_t len)
{
    return sys_physcopy(PHYS_ZERO, dst, len);
}

int sys_vircopy_force(endpoint_t src_ep, uint64_t src, endpoint_t dst_ep, uint64_t dst, size_t len)
{
    message m;
    struct kc_vircopy *c = &m.kc_vircopy;

    kc_init(&m, KC_VIRCOPY);
    c->src_ep = src_ep;
    c->dst_ep = dst_ep;
    c->src = src;
    c->dst = dst;
    c->len = len;
    c->flags = VIRCOPY_FORCE;
    return kernel_call(&m);
}
