/*
 * The process's grant table: a fixed array registered with the kernel on
 * first use. An entry's sequence number changes on every reuse, so an old
 * grant id never names a new grant.
 */
#include <string.h>
#include <ember/server.h>

#define NR_GRANTS 1024

static grant_entry_t table[NR_GRANTS];
static bool registered;
static uint32_t next_free;

static grant_id_t alloc_entry(grant_entry_t **out)
{
    if (!registered) {
        if (sys_setgrant(table, NR_GRANTS) < 0)
            return GRANT_INVALID;
        registered = true;
    }
    for (uint32_t n = 0; n < NR_GRANTS; n++) {
        uint32_t i = (next_free + n) % NR_GRANTS;
        if (table[i].flags & GRANT_VALID)
            continue;
        next_free = (i + 1) % NR_GRANTS;
        table[i].seq = (table[i].seq + 1) & 0x7FFF;
        *out = &table[i];
        return GRANT_ID(i, table[i].seq);
    }
    return GRANT_INVALID;
}

static uint32_t rights_of(int rights)
{
    return (uint32_t)rights & (GRANT_READ | GRANT_WRITE);
}

grant_id_t grant_direct(endpoint_t grantee, const void *addr, size_t len, int rights)
{
    grant_entry_t *e;
    grant_id_t g = alloc_entry(&e);

    if (g == GRANT_INVALID)
        return g;
    e->grantee = grantee;
    e->addr = (uint64_t)addr;
    e->size = len;
    __atomic_store_n(&e->flags, GRANT_VALID | GRANT_DIRECT | rights_of(rights), __ATOMIC_RELEASE);
    return g;
}

grant_id_t grant_magic(endpoint_t grantee, endpoint_t owner, uint64_t addr, size_t len, int rights)
{
    grant_entry_t *e;
    grant_id_t g = alloc_entry(&e);

    if (g == GRANT_INVALID)
        return g;
    e->grantee = grantee;
    e->target = owner;
    e->addr = addr;
    e->size = len;
    __atomic_store_n(&e->flags, GRANT_VALID | GRANT_MAGIC | rights_of(rights), __ATOMIC_RELEASE);
    return g;
}

grant_id_t grant_indirect(endpoint_t grantee, endpoint_t owner, grant_id_t og, size_t off,
                          size_t len, int rights)
{
    grant_entry_t *e;
    grant_id_t g = alloc_entry(&e);

    if (g == GRANT_INVALID)
        return g;
    e->grantee = grantee;
    e->target = owner;
    e->grant = og;
    e->addr = off;
    e->size = len;
    __atomic_store_n(&e->flags, GRANT_VALID | GRANT_INDIRECT | rights_of(rights), __ATOMIC_RELEASE);
    return g;
}

void grant_revoke(grant_id_t g)
{
    uint32_t i = GRANT_INDEX(g);

    if (g >= 0 && i < NR_GRANTS && (table[i].seq & 0x7FFF) == GRANT_SEQ(g))
        __atomic_store_n(&table[i].flags, 0, __ATOMIC_RELEASE);
}
