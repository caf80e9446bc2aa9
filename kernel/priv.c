/* Privileges: setting them, and the checks that are not on the fast path. */
#include "priv.h"
#include "thread.h"
#include "space.h"
#include "arch.h"

struct priv privs[NR_PRIV_IDS];

void privs_init(void)
{
    struct priv_spec *u = &privs[PRIV_ID_USER].spec;

    memset(privs, 0, sizeof(privs));
    u->id = PRIV_ID_USER;
    u->traps = TRAPS_USER;
    u->supervisor = NONE;
    privs[PRIV_ID_USER].in_use = true;
}

static bool spec_valid(const struct priv_spec *s)
{
    if (s->id < 0 || s->id >= NR_PRIV_IDS || s->nio > PRIV_MAX_IO || s->nmem > PRIV_MAX_MEM)
        return false;
    for (uint32_t i = 0; i < s->nio; i++)
        if ((uint32_t)s->io[i].base + s->io[i].count > 0x10000)
            return false;
    for (uint32_t i = 0; i < s->nmem; i++)
        if (s->mem[i].base + s->mem[i].size < s->mem[i].base)
            return false;
    return true;
}

/* Give t (and the threads of its process that share its priv) a new priv. */
int priv_set(struct thread *t, const struct priv_spec *spec)
{
    if (!spec_valid(spec))
        return -EINVAL;
    struct priv *p = &privs[spec->id];
    p->spec = *spec;
    p->in_use = true;
    struct priv *old = t->priv;
    for (int i = 0; i < NR_SLOTS; i++) {
        struct thread *o = &threads[i];
        if (o == t || (!(o->rts & RTS_FREE) && o->space == t->space && o->priv == old))
            o->priv = p;
    }
    arch_priv_changed();
    return 0;
}

/* May caller act on target's registers, memory or life? Its own threads, the
 * processes it supervises, and anything for PRIV_CONTROL holders. */
bool priv_may_control(const struct thread *caller, const struct thread *target)
{
    if (caller->priv->spec.flags & PRIV_CONTROL)
        return true;
    if (caller->space == target->space)
        return true;
    return target->priv->spec.supervisor == caller->ep && target->priv->spec.id != PRIV_ID_USER;
}

bool priv_has_mem(const struct priv *p, uint64_t base, uint64_t size)
{
    for (uint32_t i = 0; i < p->spec.nmem; i++) {
        const struct mem_range_spec *m = &p->spec.mem[i];
        if (base >= m->base && base + size <= m->base + m->size && base + size >= base)
            return true;
    }
    return false;
}

bool priv_has_port(const struct priv *p, uint32_t port, int size)
{
    for (uint32_t i = 0; i < p->spec.nio; i++) {
        const struct io_range *r = &p->spec.io[i];
        if (port >= r->base && port + size <= (uint32_t)r->base + r->count)
            return true;
    }
    return false;
}
