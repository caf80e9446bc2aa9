/* The data store: publish, lookup, retract, subscriptions, and its errors. */
#include "devtest.h"

int ds_publish_lookup(void)
{
    uint64_t v = 0;

    EXPECT(ds_publish("devtest.a", 42), 0);
    EXPECT(ds_lookup("devtest.a", &v), 0);
    EXPECT(v, 42);
    EXPECT(ds_publish("devtest.a", 43), 0); /* the publisher may change its own key */
    EXPECT(ds_lookup("devtest.a", &v), 0);
    EXPECT(v, 43);
    EXPECT(ds_lookup("memory", &v), 0);
    EXPECT(v, memory_ep);
    EXPECT(ds_retract("devtest.a"), 0);
    return 0;
}

int ds_lookup_missing_key(void)
{
    uint64_t v = 7;

    EXPECT(ds_lookup("devtest.none", &v), -ENOENT);
    EXPECT(ds_publish("devtest.long", 1), 0);
    EXPECT(ds_lookup("devtest.lon", &v), -ENOENT); /* a prefix is not the key */
    EXPECT(ds_lookup("devtest.longer", &v), -ENOENT);
    EXPECT(ds_retract("devtest.long"), 0);
    EXPECT(v, 7);
    return 0;
}

int ds_retract_key(void)
{
    uint64_t v;

    EXPECT(ds_publish("devtest.r", 5), 0);
    EXPECT(ds_retract("devtest.r"), 0);
    EXPECT(ds_lookup("devtest.r", &v), -ENOENT);
    EXPECT(ds_retract("devtest.r"), -ENOENT);
    EXPECT(ds_publish("devtest.r", 6), 0); /* a retracted key can come back */
    EXPECT(ds_lookup("devtest.r", &v), 0);
    EXPECT(v, 6);
    EXPECT(ds_retract("devtest.r"), 0);
    return 0;
}

static int ds_raw(int call, const char *key, size_t keylen)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = call;
    memcpy(m.ds_req.key, key, keylen);
    return raw_call(DS_EP, &m);
}

int ds_bad_requests(void)
{
    char full[DS_KEY_MAX];
    uint64_t v;

    memset(full, 'k', sizeof(full)); /* no terminating NUL */
    EXPECT(ds_raw(DS_PUBLISH, full, sizeof(full)), -E2BIG);
    EXPECT(ds_raw(DS_LOOKUP, full, sizeof(full)), -E2BIG);
    EXPECT(ds_raw(DS_SUBSCRIBE, full, sizeof(full)), -E2BIG);
    EXPECT(ds_raw(DS_PUBLISH, "", 1), -EINVAL);
    EXPECT(ds_raw(DS_RETRACT, "", 1), -EINVAL);
    EXPECT(ds_raw(DS_BASE + 50, "x", 2), -ENOSYS);
    EXPECT(ds_raw(DS_BASE, "x", 2), -ENOSYS);
    EXPECT(ds_raw(DS_CHECK, "", 1), -ENOENT); /* no subscription yet */
    EXPECT(ds_publish("devtest.this.key.is.far.too.long.for.the.store", 1), -E2BIG);
    EXPECT(ds_lookup("memory", &v), 0); /* ds is still there */
    return 0;
}

int ds_foreign_key_refused(void)
{
    uint64_t v;

    EXPECT(ds_publish("memory", 1), -EPERM);
    EXPECT(ds_retract("memory"), -EPERM);
    EXPECT(ds_lookup("memory", &v), 0);
    EXPECT(v, memory_ep);
    return 0;
}

/* Every changed key once, then ENOENT: found[i] counts key i of names. */
static int check_all(const char *const *names, const uint64_t *values, int n, int *found)
{
    char key[DS_KEY_MAX];
    uint64_t v;
    int r;

    memset(found, 0, sizeof(int) * (size_t)n);
    while ((r = ds_check(key, sizeof(key), &v)) == 0) {
        int i = 0;
        while (i < n && strcmp(key, names[i]) != 0)
            i++;
        CHECK(i < n, "DS_CHECK gave unexpected key %s", key);
        CHECK(v == values[i], "%s = %lu, expected %lu", key, (unsigned long)v,
              (unsigned long)values[i]);
        found[i]++;
    }
    EXPECT(r, -ENOENT);
    return 0;
}

int ds_subscribe_notify_check(void)
{
    static const char *const names[] = { "devtest.sub.x", "devtest.sub.y" };
    uint64_t values[] = { 1, 2 }, v;
    int found[2];

    EXPECT(ds_subscribe("devtest.sub."), 0);
    EXPECT(ds_subscribe("devtest.sub."), 0); /* again: no change */
    EXPECT(ds_publish("devtest.sub.x", 1), 0);
    EXPECT(ds_publish("devtest.sub.y", 2), 0);
    EXPECT(ds_publish("devtest.other", 3), 0);
    CHECK(wait_notify(DS_EP, 2000), "no notification from ds");
    CHECK(check_all(names, values, 2, found) == 0, "checking the first changes");
    CHECK(found[0] == 1 && found[1] == 1, "x seen %d times, y %d times", found[0], found[1]);
    values[0] = 5;
    EXPECT(ds_publish("devtest.sub.x", 5), 0);
    CHECK(wait_notify(DS_EP, 2000), "no notification for the change of x");
    CHECK(check_all(names, values, 2, found) == 0, "checking the change of x");
    CHECK(found[0] == 1 && found[1] == 0, "x seen %d times, y %d times", found[0], found[1]);
    values[1] = 0; /* a retracted key is reported with the value 0 */
    EXPECT(ds_retract("devtest.sub.y"), 0);
    CHECK(wait_notify(DS_EP, 2000), "no notification for the retraction of y");
    CHECK(check_all(names, values, 2, found) == 0, "checking the retraction");
    CHECK(found[0] == 0 && found[1] == 1, "x seen %d times, y %d times", found[0], found[1]);
    EXPECT(ds_lookup("devtest.sub.y", &v), -ENOENT);
    EXPECT(ds_retract("devtest.sub.x"), 0);
    EXPECT(ds_retract("devtest.other"), 0);
    CHECK(wait_notify(DS_EP, 2000), "no notification for the retraction of x");
    values[0] = 0;
    return check_all(names, values, 2, found);
}

int ds_subscribe_sees_existing_keys(void)
{
    static const char *const names[] = { "memory", "tty" };
    uint64_t values[] = { (uint64_t)memory_ep, (uint64_t)tty_ep };
    int found[2];

    EXPECT(ds_subscribe("memory"), 0);
    CHECK(wait_notify(DS_EP, 2000), "no notification for the key already published");
    CHECK(check_all(names, values, 2, found) == 0, "checking");
    CHECK(found[0] == 1 && found[1] == 0, "memory seen %d times, tty %d", found[0], found[1]);
    return 0;
}

int ds_table_full(void)
{
    char key[DS_KEY_MAX];
    int n = 0, r = 0;

    while (n < 1000) {
        snprintf(key, sizeof(key), "devtest.fill.%d", n);
        if ((r = ds_publish(key, (uint64_t)n)) != 0)
            break;
        n++;
    }
    EXPECT(r, -ENOSPC);
    CHECK(n >= 64, "only %d keys fit", n);
    for (int i = 0; i < n; i++) {
        snprintf(key, sizeof(key), "devtest.fill.%d", i);
        EXPECT(ds_retract(key), 0);
    }
    EXPECT(ds_publish("devtest.after", 1), 0); /* room again */
    EXPECT(ds_retract("devtest.after"), 0);
    return 0;
}

static volatile uint32_t heir_gate;
static volatile int heir_published = 1;

/* A thread of devtest (an endpoint of its own) that publishes a key, waits
 * at the gate, and ends. */
static void *heir(void *arg)
{
    heir_published = ds_publish("devtest.heir", 1);
    while (!heir_gate)
        sys_futex_wait(&heir_gate, 0, 0);
    sys_clear(SELF, 0);
    return arg; /* not reached */
}

/* A key belongs to its publisher while it lives; once it is dead another
 * may take the key over (a restarted service republishing its label). */
int ds_dead_owner_replaced(void)
{
    static char stack[16384] __attribute__((aligned(16)));
    endpoint_t child;
    uint64_t v = 0;

    heir_gate = 0;
    heir_published = 1;
    EXPECT(sys_fork_thread(heir, NULL, stack + sizeof(stack), "devtest-heir", &child), 0);
    for (int i = 0; i < 200 && heir_published == 1; i++)
        sleep_ms(10);
    EXPECT(heir_published, 0);
    EXPECT(ds_publish("devtest.heir", 2), -EPERM); /* the owner lives */
    heir_gate = 1;
    sys_futex_wake(&heir_gate, 1);
    for (int i = 0; i < 200 && ipc_notify(child) == 0; i++)
        sleep_ms(10);
    EXPECT(ipc_notify(child), -EDEADSRCDST);
    EXPECT(ds_publish("devtest.heir", 2), 0); /* now the key is free to take */
    EXPECT(ds_lookup("devtest.heir", &v), 0);
    EXPECT(v, 2);
    EXPECT(ds_retract("devtest.heir"), 0);
    return 0;
}
