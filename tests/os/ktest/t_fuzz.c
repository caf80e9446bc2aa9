/*
 * The kernel fuzz test: a process with broad but not fatal privileges makes
 * tens of thousands of traps and kernel calls with random arguments (seeded,
 * so a run can be repeated), and the kernel must answer every one. The
 * argument generators favour the values that find bugs: boundaries, kernel
 * and non-canonical addresses, NULL, dead endpoints, sizes that wrap.
 *
 * What the fuzzer must not do is kill itself: it never names itself, and
 * writes the kernel makes on its behalf land in a scratch area at the very
 * end of its heap, so an oversized copy runs into unmapped memory.
 */
#include <unistd.h>
#include <ember/startup.h>
#include "ktest.h"

#define FUZZ_CALLS 50000
#define SCRATCH    (64 * 1024)

static uint64_t rng;
static uint8_t *scratch;
static endpoint_t victim, dead_ep;
static volatile long fuzz_calls, fuzz_ok, fuzz_err;

static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static uint64_t pick(const uint64_t *v, int n)
{
    return v[next_rand() % (uint64_t)n];
}

static uint64_t gen_pointer(void)
{
    static const uint64_t odd[] = { 0,
                                    8,
                                    0x1000,
                                    0x00007FFFFFFFFFF8ull,
                                    0x0000800000000000ull,
                                    0xFFFF800000000000ull,
                                    0xFFFFFFFF80100000ull,
                                    0xFFFFFFFFFFFFFFF0ull };
    switch (next_rand() % 4) {
    case 0:
        return pick(odd, 8);
    case 1:
        return next_rand();
    default:
        return (uint64_t)(scratch + next_rand() % SCRATCH);
    }
}

static uint64_t gen_size(void)
{
    static const uint64_t sizes[] = { 0, 1, 7, 64, 4096, 65536, 0x7FFFFFFF, ~0ull, ~0ull - 4096 };

    return next_rand() % 2 ? pick(sizes, 9) : next_rand() % 512;
}

/* Endpoints for kernel calls: never ourselves. */
static uint64_t gen_endpoint(void)
{
    static const uint64_t eps[] = { (uint32_t)ANY,
                                    (uint32_t)NONE,
                                    (uint32_t)HARDWARE,
                                    (uint32_t)CLOCK,
                                    (uint32_t)SYSTEM,
                                    0x80000000u,
                                    0 };
    switch (next_rand() % 3) {
    case 0:
        return pick(eps, 7);
    case 1:
        return (uint32_t)dead_ep;
    default:
        return (uint32_t)(next_rand() | 0x40000000u); /* far-future generation */
    }
}

static uint64_t gen_word(void)
{
    switch (next_rand() % 5) {
    case 0:
        return gen_pointer();
    case 1:
        return gen_size();
    case 2:
        return gen_endpoint() | (gen_endpoint() << 32);
    case 3:
        return next_rand() % 70;
    default:
        return next_rand();
    }
}

static int fuzz_kernel_call(void)
{
    message m;

    m.m_source = 0;
    m.m_type = (int32_t)(next_rand() % (NR_KCALLS + 4));
    for (int i = 0; i < 7; i++)
        m.w[i] = gen_word();
    if (m.m_type == KC_FUTEX)
        m.kc_futex.timeout_ns = 1000000; /* a wait that may match must end */
    if (m.m_type == KC_FORK)
        m.kc_fork.flags = 0; /* an invalid flag: exercise the checks, not the slots */
    if (m.m_type == KC_KPRINT)
        m.kc_kprint.buf |= 0xFFFF800000000000ull; /* no garbage on the console */
    return kernel_call(&m);
}

/* IPC traps that can never block: non-blocking sends, notifications,
 * asynchronous tables, and receives and calls with impossible partners. */
static int fuzz_ipc(void)
{
    static const int bad_src[] = { -7, -100, (int)0x80000001 };
    message m;

    for (int i = 0; i < 7; i++)
        m.w[i] = gen_word();
    m.m_type = (int32_t)next_rand();
    switch (next_rand() % 7) {
    case 0:
        return ipc_sendnb(next_rand() % 2 ? victim : (endpoint_t)gen_endpoint(), &m);
    case 1:
        return ipc_notify(next_rand() % 2 ? victim : dead_ep);
    case 2:
        return ipc_senda((async_msg_t *)(scratch + next_rand() % 1024), next_rand() % 8);
    case 3:
        return ipc_receive(next_rand() % 2 ? dead_ep : bad_src[next_rand() % 3], &m);
    case 4:
        return ipc_call(dead_ep, &m);
    case 5:
        return ipc_send((endpoint_t)(0x40000000u | (uint32_t)next_rand()), &m);
    default:
        return ipc_trap((int)(next_rand() % 32) + 9, (endpoint_t)next_rand(), &m);
    }
}

static void victim_loop(void *arg)
{
    message m;
    (void)arg;
    for (;;)
        ipc_receive(ANY, &m);
}

static void fuzzer(void *arg)
{
    message m;

    rng = (uint64_t)arg;
    victim = spawn_thread(victim_loop, NULL);
    for (fuzz_calls = 0; fuzz_calls < FUZZ_CALLS; fuzz_calls++) {
        int r = next_rand() % 3 ? fuzz_kernel_call() : fuzz_ipc();
        if (r >= 0)
            fuzz_ok++;
        else
            fuzz_err++;
    }
    memset(&m, 0, sizeof(m));
    ipc_call(self_ep, &m);
}

int fuzz_kernel_calls(void)
{
    struct priv_spec p = test_priv(PRIV_ID_TEST + 2);
    message m;
    uint64_t seed = 0x5EED0F00D5ull;

    scratch = (uint8_t *)(__startup.heap_end - SCRATCH);
    CHECK((uint8_t *)sbrk(0) < scratch, "no room for the scratch area");
    dead_ep = spawn_thread(victim_loop, NULL);
    sys_clear(dead_ep, 0);
    p.kcalls = ~0ull & ~(1ull << KC_MACHINE); /* everything but stopping the machine */
    p.ipc_to = 1ull << (PRIV_ID_TEST + 2) | 1ull << 1;
    fuzz_ok = fuzz_err = 0;
    endpoint_t f = spawn_process(fuzzer, (void *)seed, &p);
    CHECK(f > 0, "spawn: %d", f);
    sys_setalarm(600ull * 1000000000ull, 1, NULL);
    int r = ipc_receive(ANY, &m);
    sys_setalarm(0, 0, NULL);
    CHECK(r == 0 && m.m_source == f, "fuzzer did not finish (source %d, %ld calls)", m.m_source,
          fuzz_calls);
    printf("    fuzz: %ld calls (seed %#lx): %ld accepted, %ld refused; kernel alive\n", fuzz_calls,
           seed, fuzz_ok, fuzz_err);
    CHECK(fuzz_calls == FUZZ_CALLS, "only %ld calls", fuzz_calls);
    kill_process(victim);
    kill_process(f);
    EXPECT(sys_time(NULL, NULL, NULL), 0);
    return 0;
}
