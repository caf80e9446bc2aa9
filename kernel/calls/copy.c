/* Copies: KC_SETGRANT, KC_SAFECOPY, KC_VSAFECOPY, KC_VIRCOPY, KC_PHYSCOPY. */
#include "../kcall.h"
#include "../grant.h"
#include "../memory.h"
#include "../bootinfo.h"
#include <ember/grant.h>

void kcall_fault(const struct copy_fault *f, uint64_t *addr, endpoint_t *ep, int32_t *write)
{
    *addr = f->addr;
    *ep = f->space->owner;
    *write = f->write;
}

int do_setgrant(struct thread *t, message *m)
{
    if (m->kc_setgrant.count > GRANT_MAX_ENTRIES)
        return -EINVAL;
    t->space->grant_table = m->kc_setgrant.table;
    t->space->grant_count = (uint32_t)m->kc_setgrant.count;
    return 0;
}

/* One safe copy between the caller's buffer and granted memory. */
static int safecopy_one(struct thread *t, int dir, endpoint_t owner, grant_id_t id, uint64_t off,
                        uint64_t addr, uint64_t len, struct copy_fault *f)
{
    struct space *gs;
    uint64_t gaddr;

    if (dir != COPY_FROM && dir != COPY_TO)
        return -EINVAL;
    int r = grant_resolve(t, owner, id, off, len, dir == COPY_FROM ? GRANT_READ : GRANT_WRITE, &gs,
                          &gaddr);
    if (r < 0)
        return r;
    if (dir == COPY_FROM)
        return copy_between(gs, gaddr, t->space, addr, len, f);
    return copy_between(t->space, addr, gs, gaddr, len, f);
}

int do_safecopy(struct thread *t, message *m)
{
    struct kc_safecopy *c = &m->kc_safecopy;
    struct copy_fault f;
    int r = safecopy_one(t, c->dir, c->owner, c->grant, c->offset, c->addr, c->len, &f);

    if (r == -EVMFAULT)
        kcall_fault(&f, &c->fault_addr, &c->fault_ep, &c->fault_write);
    return r;
}

int do_vsafecopy(struct thread *t, message *m)
{
    struct kc_vsafecopy *v = &m->kc_vsafecopy;
    struct vsafecopy_elem e;
    struct copy_fault f;

    if (v->count > 64)
        return -EINVAL;
    for (v->done = 0; v->done < v->count; v->done++) {
        if (copy_from_space(t->space, v->vec + v->done * sizeof(e), &e, sizeof(e), NULL) < 0)
            return -EFAULT;
        int r = safecopy_one(t, e.dir, e.owner, e.grant, e.offset, e.addr, e.len, &f);
        if (r == -EVMFAULT)
            kcall_fault(&f, &v->fault_addr, &v->fault_ep, &v->fault_write);
        if (r < 0)
            return r;
    }
    return 0;
}

static struct space *space_of(struct thread *t, endpoint_t ep)
{
    struct thread *x = ep == SELF ? t : ep_thread(ep);

    return x ? x->space : NULL;
}

int do_vircopy(struct thread *t, message *m)
{
    struct kc_vircopy *c = &m->kc_vircopy;
    struct space *from = space_of(t, c->src_ep), *to = space_of(t, c->dst_ep);
    struct copy_fault f;

    if (!from || !to)
        return -EDEADSRCDST;
    if (c->flags & VIRCOPY_FORCE)
        return (t->priv->spec.flags & PRIV_CONTROL)
                   ? copy_between_forced(from, c->src, to, c->dst, c->len)
                   : -EPERM;
    int r = copy_between(from, c->src, to, c->dst, c->len, &f);
    if (r == -EVMFAULT)
        kcall_fault(&f, &c->fault_addr, &c->fault_ep, &c->fault_write);
    return r;
}

/* Physical copies stay inside usable RAM and away from the kernel image. */
static bool phys_ok(uint64_t pa, uint64_t len)
{
    if (pa + len < pa || (pa < bootinfo.kernel_end && pa + len > bootinfo.kernel_start))
        return false;
    for (int i = 0; i < bootinfo.nmem; i++) {
        const struct boot_memrange *r = &bootinfo.mem[i];
        if (r->type == MEM_USABLE && pa >= r->base && pa + len <= r->base + r->len)
            return true;
    }
    return false;
}

int do_physcopy(struct thread *t, message *m)
{
    struct kc_physcopy *c = &m->kc_physcopy;

    if (!(t->priv->spec.flags & PRIV_PAGER))
        return -EPERM;
    if (!phys_ok(c->dst, c->len) || (c->src != PHYS_ZERO && !phys_ok(c->src, c->len)))
        return -EFAULT;
    if (c->src == PHYS_ZERO)
        memset(phys_to_virt(c->dst), 0, c->len);
    else
        memmove(phys_to_virt(c->dst), phys_to_virt(c->src), c->len);
    return 0;
}
