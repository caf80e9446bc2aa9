/*
 * Grants: good copies, every refusal, indirect grants and their depth
 * limit, magic grants. Grant owners are test processes; their tables live
 * in memory they share with ktest, so ktest fills the entries itself.
 */
#include "ktest.h"

static grant_entry_t owner_table[8], middle_table[8], my_table[4];
static char owner_buf[64];

struct table_arg {
    grant_entry_t *table;
    size_t count;
};

/* Register a grant table, tell ktest, then wait to be killed. */
static void grant_owner(void *p)
{
    struct table_arg *a = p;
    message m;

    memset(&m, 0, sizeof(m));
    m.w[0] = (uint64_t)sys_setgrant(a->table, a->count);
    ipc_call(self_ep, &m);
    ipc_receive(ANY, &m);
}

static endpoint_t start_owner(grant_entry_t *table, size_t count, int priv_id)
{
    static struct table_arg args[2];
    static int next;
    struct table_arg *a = &args[next++ % 2];
    struct priv_spec p = test_priv(priv_id);
    message m;

    a->table = table;
    a->count = count;
    endpoint_t ep = spawn_process(grant_owner, a, &p);
    if (ep < 0 || ipc_receive(ep, &m) < 0 || m.w[0] != 0)
        return -1;
    ipc_sendnb(ep, &m); /* answer its call; it then waits */
    return ep;
}

static void set_direct(grant_entry_t *e, endpoint_t grantee, uint32_t rights, void *addr,
                       size_t size)
{
    e->seq++;
    e->flags = GRANT_VALID | GRANT_DIRECT | rights;
    e->grantee = grantee;
    e->addr = (uint64_t)addr;
    e->size = size;
}

static void set_indirect(grant_entry_t *e, endpoint_t grantee, uint32_t rights, endpoint_t owner,
                         grant_id_t g, uint64_t off, size_t size)
{
    e->seq++;
    e->flags = GRANT_VALID | GRANT_INDIRECT | rights;
    e->grantee = grantee;
    e->target = owner;
    e->grant = g;
    e->addr = off;
    e->size = size;
}

static grant_id_t id_of(const grant_entry_t *table, int i)
{
    return GRANT_ID(i, table[i].seq);
}

int grant_good_copies(void)
{
    char buf[32];
    endpoint_t o = start_owner(owner_table, 8, PRIV_ID_TEST);

    CHECK(o > 0, "owner did not start");
    for (int i = 0; i < 64; i++)
        owner_buf[i] = (char)i;
    set_direct(&owner_table[0], self_ep, GRANT_READ | GRANT_WRITE, owner_buf, 64);
    EXPECT(sys_safecopyfrom(o, id_of(owner_table, 0), 8, buf, 16), 0);
    for (int i = 0; i < 16; i++)
        EXPECT(buf[i], 8 + i);
    EXPECT(sys_safecopyto(o, id_of(owner_table, 0), 60, "wxyz", 4), 0);
    CHECK(memcmp(owner_buf + 60, "wxyz", 4) == 0, "copy to granted memory did not land");
    set_direct(&owner_table[1], ANY, GRANT_READ, owner_buf, 64);
    EXPECT(sys_safecopyfrom(o, id_of(owner_table, 1), 0, buf, 4), 0);
    struct vsafecopy_elem v[2] = {
        { COPY_FROM, o, id_of(owner_table, 0), 0, 0, (uint64_t)buf, 8 },
        { COPY_FROM, o, id_of(owner_table, 1), 0, 0, (uint64_t)(buf + 8), 8 },
    };
    EXPECT(sys_vsafecopy(v, 2), 0);
    CHECK(memcmp(buf, owner_buf, 8) == 0 && memcmp(buf + 8, owner_buf, 8) == 0, "vectored copy");
    kill_process(o);
    EXPECT(sys_safecopyfrom(o, id_of(owner_table, 0), 0, buf, 4), -EDEADSRCDST);
    return 0;
}

int grant_errors(void)
{
    char buf[16];
    endpoint_t o = start_owner(owner_table, 8, PRIV_ID_TEST);
    grant_id_t g;

    CHECK(o > 0, "owner did not start");
    set_direct(&owner_table[0], self_ep, GRANT_READ | GRANT_WRITE, owner_buf, 64);
    set_direct(&owner_table[1], self_ep, GRANT_READ, owner_buf, 64);
    set_direct(&owner_table[2], o, GRANT_READ | GRANT_WRITE, owner_buf, 64);
    g = id_of(owner_table, 0);
    EXPECT(sys_safecopyfrom(o, id_of(owner_table, 2), 0, buf, 4), -EPERM); /* wrong grantee */
    EXPECT(sys_safecopyto(o, id_of(owner_table, 1), 0, buf, 4), -EACCES);  /* read-only */
    EXPECT(sys_safecopyfrom(o, g, 60, buf, 8), -ERANGE);                   /* past the end */
    EXPECT(sys_safecopyfrom(o, g, 65, buf, 1), -ERANGE);
    EXPECT(sys_safecopyfrom(o, g, 8, buf, (size_t)-4), -ERANGE);       /* wraps */
    EXPECT(sys_safecopyfrom(o, GRANT_ID(7, 0), 0, buf, 1), -ENOENT);   /* never made */
    EXPECT(sys_safecopyfrom(o, GRANT_ID(200, 1), 0, buf, 1), -ENOENT); /* past the table */
    EXPECT(sys_safecopyfrom(o, GRANT_ID(0, owner_table[0].seq + 1), 0, buf, 1),
           -ENOENT); /* stale */
    EXPECT(sys_safecopyfrom(o, -5, 0, buf, 1), -ENOENT);
    EXPECT(sys_safecopyfrom(o, g, 0, (void *)0xFFFF800000001000ull, 4), -EFAULT); /* bad buffer */
    EXPECT(sys_safecopyfrom(o, g, 0, buf, 4), 0);
    owner_table[0].flags &= ~GRANT_VALID; /* revoke */
    EXPECT(sys_safecopyfrom(o, g, 0, buf, 4), -ENOENT);
    struct vsafecopy_elem v[2] = {
        { COPY_FROM, o, id_of(owner_table, 1), 0, 0, (uint64_t)buf, 4 },
        { COPY_TO, o, id_of(owner_table, 1), 0, 0, (uint64_t)buf, 4 },
    };
    EXPECT(sys_vsafecopy(v, 2), -EACCES);
    EXPECT(sys_vsafecopy(v, 1000), -EINVAL);
    kill_process(o);
    return 0;
}

int grant_indirect_and_depth(void)
{
    char buf[16];
    endpoint_t o = start_owner(owner_table, 8, PRIV_ID_TEST);
    endpoint_t mid = start_owner(middle_table, 8, PRIV_ID_TEST + 1);

    CHECK(o > 0 && mid > 0, "owners did not start");
    for (int i = 0; i < 64; i++)
        owner_buf[i] = (char)(100 + i);
    /* o grants its buffer to mid; mid re-grants 16 bytes of it, read-only, to us */
    set_direct(&owner_table[0], mid, GRANT_READ | GRANT_WRITE, owner_buf, 64);
    set_indirect(&middle_table[0], self_ep, GRANT_READ, o, id_of(owner_table, 0), 4, 16);
    grant_id_t g = id_of(middle_table, 0);
    EXPECT(sys_safecopyfrom(mid, g, 0, buf, 8), 0);
    for (int i = 0; i < 8; i++)
        EXPECT(buf[i], (char)(104 + i));
    EXPECT(sys_safecopyfrom(mid, g, 12, buf, 8), -ERANGE); /* narrowed to 16 bytes */
    EXPECT(sys_safecopyto(mid, g, 0, buf, 4), -EACCES);    /* narrowed to reading */
    EXPECT(sys_safecopyfrom(o, id_of(owner_table, 0), 0, buf, 4), -EPERM); /* not ours */
    /* mid re-grants its own grants: four levels resolve, five are too deep */
    set_direct(&middle_table[5], mid, GRANT_READ, owner_buf, 64);
    for (int i = 4; i >= 1; i--)
        set_indirect(&middle_table[i], i == 1 ? self_ep : mid, GRANT_READ, mid,
                     id_of(middle_table, i + 1), 0, 64);
    EXPECT(sys_safecopyfrom(mid, id_of(middle_table, 1), 0, buf, 4), -ELOOP);
    middle_table[2].grantee = self_ep;
    EXPECT(sys_safecopyfrom(mid, id_of(middle_table, 2), 0, buf, 4), 0);
    /* magic: our grant over o's memory (we hold PRIV_MAGIC), used by us */
    sys_setgrant(my_table, 4);
    my_table[0] = (grant_entry_t){
        GRANT_VALID | GRANT_MAGIC | GRANT_READ, 3, ANY, o, 0, 0, (uint64_t)owner_buf, 64
    };
    EXPECT(sys_safecopyfrom(self_ep, GRANT_ID(0, 3), 0, buf, 4), 0);
    /* magic from a process without PRIV_MAGIC is refused */
    middle_table[6] = (grant_entry_t){
        GRANT_VALID | GRANT_MAGIC | GRANT_READ, 1, ANY, o, 0, 0, (uint64_t)owner_buf, 64
    };
    EXPECT(sys_safecopyfrom(mid, GRANT_ID(6, 1), 0, buf, 4), -EPERM);
    kill_process(o);
    EXPECT(sys_safecopyfrom(mid, g, 0, buf, 4), -EDEADSRCDST);
    kill_process(mid);
    return 0;
}
