/*
 * Case: the driver dies and a new instance takes over, as under rs. The
 * new instance publishes a new endpoint under the same label; we learn of
 * it from ds (a subscription to "drv.net."), then replay the interface as
 * the network server will: a new session (INIT), the mode (CONF), fresh
 * receive buffers granted to the new endpoint. Traffic must flow again,
 * and the dead instance must be unreachable for good.
 */
#include "nettest.h"

#define MAX_MODULES 32
#define RESTART_MS  20000

static struct kinfo_module mods[MAX_MODULES];

/* The boot module the driver was started from. */
static const struct kinfo_module *driver_module(void)
{
    int n = 0;

    if (sys_getinfo(INFO_MODULES, mods, sizeof(mods), &n) < 0)
        return NULL;
    for (int i = 0; i < n; i++)
        if (mods[i].ep == drv.peer.ep)
            return &mods[i];
    return NULL;
}

/* Wait for ds to name a new endpoint under the driver's label. */
static endpoint_t wait_new_endpoint(endpoint_t old, unsigned seen)
{
    char key[DS_KEY_MAX], want[DS_KEY_MAX];
    uint64_t value, deadline = after_ms(RESTART_MS);

    snprintf(want, sizeof(want), NDEV_DS_PREFIX "%s", drv.label);
    for (;;) {
        while (ds_changes == seen && pump_until(deadline))
            ;
        if (ds_changes == seen)
            return -ETIMEDOUT;
        seen = ds_changes;
        while (ds_check(key, sizeof(key), &value) == 0)
            if (strcmp(key, want) == 0 && value && (endpoint_t)value != old)
                return (endpoint_t)value;
    }
}

int driver_restart_is_replayed(void)
{
    char key[DS_KEY_MAX];
    uint64_t value;
    uint8_t gw[NDEV_HWADDR_LEN];
    message m;

    EXPECT(ensure_session(), 0);
    const struct kinfo_module *mod = driver_module();
    CHECK(mod, "no boot module made the driver");
    EXPECT(ds_subscribe(NDEV_DS_PREFIX), 0);
    while (ds_check(key, sizeof(key), &value) == 0)
        ; /* what is published now */
    unsigned seen = ds_changes;
    endpoint_t old = drv.peer.ep;

    EXPECT(sys_clear(old, 0), 0); /* the driver dies */
    memset(&m, 0, sizeof(m));
    m.m_type = NDEV_STATS;
    EXPECT(ipc_sendnb(old, &m), -EDEADSRCDST);
    endpoint_t child = respawn_module(mod);
    CHECK(child >= 0, "cannot start %s again: error %d", mod->name, child);
    endpoint_t now = wait_new_endpoint(old, seen);
    EXPECT(now, child);
    printf("nettest: %s restarted: endpoint %d, was %d\n", drv.label, now, old);

    drv.peer.ep = now; /* the replay: INIT, CONF, buffers */
    drv.ready = false;
    EXPECT(ensure_session(), 0);
    EXPECT(arp_exchange(gw), 0);
    struct ndev_stats st;
    EXPECT(session_stats(&st, sizeof(st)), sizeof(st));
    CHECK(st.in_packets >= 1 && st.out_packets >= 1, "the new instance counted nothing");
    EXPECT(ipc_sendnb(old, &m), -EDEADSRCDST);
    return 0;
}
