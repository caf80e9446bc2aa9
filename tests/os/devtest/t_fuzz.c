/*
 * Garbage: random requests to ds, memory and tty, each of the protocol's
 * calls with random fields (and some wholly random message types), then a
 * check that all three still answer sensibly. The requests carry random
 * grant ids, so no data moves; reads the tty driver queues are cancelled
 * afterwards, by the ids devtest gave them. Runs last: what it leaves in
 * ds (random keys) and in the drivers' state is not cleaned up.
 */
#include "devtest.h"

#define ROUNDS 3000

static uint64_t seed = 0x9E3779B97F4A7C15ull;

static uint64_t next_random(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

/* A request length: small, an ioctl request, or anything. */
static uint64_t some_len(void)
{
    static const unsigned long requests[] = { TCGETS,    TCSETS,    TCSETSW,    TCSETSF,
                                              TCDRAIN,   TCSBRK,    TCXONC,     TCFLSH,
                                              TIOCGPGRP, TIOCSPGRP, TIOCGWINSZ, TIOCSWINSZ,
                                              TIOCGSID,  TIOCOUTQ,  FIONREAD,   FIONBIO };
    uint64_t r = next_random();

    switch (r % 3) {
    case 0:
        return r >> 52;
    case 1:
        return requests[(r >> 8) % (sizeof(requests) / sizeof(requests[0]))];
    default:
        return next_random();
    }
}

static int some_type(int base, int calls)
{
    uint64_t r = next_random();

    return r % 8 == 0 ? (int)(r >> 32) : base + (int)((r >> 8) % (uint64_t)(calls + 2));
}

static void random_message(message *m, int base, int calls)
{
    for (int i = 0; i < 7; i++)
        m->w[i] = next_random();
    m->m_type = some_type(base, calls);
}

/* One garbage call: false if it did not reach the server (IPC failed). */
static bool reached(endpoint_t ep, message *m)
{
    return ipc_call(ep, m) == 0;
}

static bool fuzz_tty(uint32_t *ids, int *nids)
{
    message m;

    random_message(&m, CDEV_BASE, 7);
    if (next_random() % 2)
        m.cdev_req.minor = (int)(next_random() % 2 ? SERIAL0 : next_random() % 70);
    m.cdev_req.len = some_len();
    m.cdev_req.flags &= 0xFF;
    uint32_t id = m.cdev_req.id;
    if (!reached(tty_ep, &m))
        return false;
    if (m.m_type == EDONTREPLY && *nids < ROUNDS)
        ids[(*nids)++] = id;
    return true;
}

int drivers_survive_garbage(void)
{
    static uint32_t ids[ROUNDS];
    int nids = 0, failures = 0;
    message m;

    printf("devtest: fuzzing with seed %#lx\n", (unsigned long)seed);
    for (int i = 0; i < ROUNDS; i++) {
        random_message(&m, DS_BASE, 5);
        failures += !reached(DS_EP, &m);
        random_message(&m, next_random() % 2 ? CDEV_BASE : BDEV_BASE, 7);
        m.bdev_req.len = some_len();
        failures += !reached(memory_ep, &m);
        failures += !fuzz_tty(ids, &nids);
    }
    for (int i = 0; i < nids; i++)
        cdev_cancel(tty_ep, SERIAL0, ids[i]);
    printf("devtest: %d tty requests were left waiting, now cancelled\n", nids);
    EXPECT(failures, 0); /* every call reached its server, which lived on */
    uint64_t v;
    struct termios t;
    char buf[16] = { 1 };
    EXPECT(ds_lookup("tty", &v), 0);
    EXPECT(v, tty_ep);
    EXPECT(cdev_io(memory_ep, CDEV_READ, MEMORY_ZERO, buf, sizeof(buf), 0, NULL), sizeof(buf));
    EXPECT(buf[0], 0);
    EXPECT(bdev(memory_ep, BDEV_SIZE, MEMORY_RAMDISK, 0, NULL, 0, &v), 0);
    EXPECT(v, 1u << 20);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TCGETS, &t, NULL), 0);
    EXPECT(cdev_io(tty_ep, CDEV_WRITE, SERIAL0, "devtest: tty alive\n", 19, 0, NULL), 19);
    return 0;
}
