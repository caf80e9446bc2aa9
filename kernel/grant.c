/*
 * Grant resolution. The grantee names (owner, grant id, offset, length,
 * access); the kernel reads the owner's grant table from the owner's memory
 * and checks, in order: the owner lives; the id's index lies in the table;
 * the entry is valid and its sequence number matches the id's (a revoked or
 * reused entry fails); the grantee is the one named (or ANY); the access
 * wanted is granted; the range lies inside the grant. An indirect grant
 * repeats the checks one level up, with the intermediate process as the
 * grantee, at most GRANT_MAX_DEPTH levels. A magic grant names another
 * process's memory and needs the owner to hold PRIV_MAGIC.
 *
 * Errors: EDEADSRCDST dead owner, ENOENT no such grant (invalid, revoked,
 * stale), EPERM wrong grantee, EACCES wrong rights, ERANGE out of bounds,
 * ELOOP too deep, EFAULT unreadable table.
 */
#include "grant.h"
#include "priv.h"
#include <ember/grant.h>

static int read_entry(struct thread *owner, grant_id_t id, grant_entry_t *e)
{
    struct space *s = owner->space;
    uint32_t index = GRANT_INDEX(id);

    if (id < 0 || index >= s->grant_count)
        return -ENOENT;
    if (copy_from_space(s, s->grant_table + (uint64_t)index * sizeof(*e), e, sizeof(*e), NULL) < 0)
        return -EFAULT;
    if (!(e->flags & GRANT_VALID) || (e->seq & 0x7FFF) != GRANT_SEQ(id))
        return -ENOENT;
    return 0;
}

static bool grantee_matches(const grant_entry_t *e, const struct thread *grantee)
{
    if (e->grantee == ANY || e->grantee == grantee->ep)
        return true;
    struct thread *g = ep_thread(e->grantee);
    return g && g->space == grantee->space; /* another thread of the same process */
}

static bool in_bounds(uint64_t offset, uint64_t len, uint64_t size)
{
    return offset <= size && len <= size - offset;
}

int grant_resolve(struct thread *grantee, endpoint_t owner_ep, grant_id_t id, uint64_t offset,
                  uint64_t len, uint32_t access, struct space **space, uint64_t *addr)
{
    for (int depth = 0; depth < GRANT_MAX_DEPTH; depth++) {
        struct thread *owner = ep_thread(owner_ep);
        grant_entry_t e;
        if (!owner)
            return -EDEADSRCDST;
        int r = read_entry(owner, id, &e);
        if (r < 0)
            return r;
        if (!grantee_matches(&e, grantee))
            return -EPERM;
        if ((e.flags & access) != access)
            return -EACCES;
        if (!in_bounds(offset, len, e.size))
            return -ERANGE;
        switch (e.flags & GRANT_KIND) {
        case GRANT_DIRECT:
            *space = owner->space;
            *addr = e.addr + offset;
            return 0;
        case GRANT_MAGIC: {
            struct thread *who = ep_thread(e.target);
            if (!(owner->priv->spec.flags & PRIV_MAGIC))
                return -EPERM;
            if (!who)
                return -EDEADSRCDST;
            *space = who->space;
            *addr = e.addr + offset;
            return 0;
        }
        case GRANT_INDIRECT:
            grantee = owner;
            owner_ep = e.target;
            id = e.grant;
            offset += e.addr;
            continue;
        default:
            return -ENOENT;
        }
    }
    return -ELOOP;
}
