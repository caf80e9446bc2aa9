/* Threads: a private FS base each, futex wait and wake. */
#include "ktest.h"

struct tls_block {
    uint64_t id;
};

static volatile uint32_t turn;
static volatile uint64_t seen[2];

static uint64_t fs_word(void)
{
    uint64_t v;
    __asm__ volatile("mov %%fs:0, %0" : "=r"(v));
    return v;
}

/* Set our FS base, let the other thread run, then read through %fs. */
static void fs_thread(void *arg)
{
    static struct tls_block blocks[2];
    int me = (int)(uintptr_t)arg;

    blocks[me].id = 1000 + (uint64_t)me;
    sys_setfsbase((uint64_t)&blocks[me]);
    for (int round = 0; round < 5; round++) {
        while (turn != (uint32_t)me)
            sys_futex_wait(&turn, (uint32_t)!me, 0);
        seen[me] = fs_word();
        if (seen[me] != 1000 + (uint64_t)me)
            break;
        turn = (uint32_t)!me;
        sys_futex_wake(&turn, 1);
    }
}

int thread_fs_base(void)
{
    turn = 0;
    seen[0] = seen[1] = 0;
    spawn_thread(fs_thread, (void *)0);
    spawn_thread(fs_thread, (void *)1);
    for (int i = 0; i < 200 && (seen[0] == 0 || seen[1] == 0); i++)
        sleep_ms(2);
    sleep_ms(10);
    EXPECT(seen[0], 1000);
    EXPECT(seen[1], 1001);
    EXPECT(sys_setfsbase(0xFFFF800000000000ull), -EINVAL);
    return 0;
}

static volatile uint32_t word;
static volatile int waiter_result = 1;

static void futex_waiter(void *arg)
{
    (void)arg;
    waiter_result = sys_futex_wait(&word, 0, 0);
}

int futex_wait_wake(void)
{
    word = 0;
    EXPECT(sys_futex_wait(&word, 1, 0), -EAGAIN); /* the word is not 1 */
    uint64_t t0 = now_ns();
    EXPECT(sys_futex_wait(&word, 0, 20000000), -ETIMEDOUT);
    CHECK(now_ns() - t0 >= 15000000, "timed out too early");
    EXPECT(sys_futex_wake(&word, 5), 0); /* nobody waits */
    endpoint_t w = spawn_thread(futex_waiter, NULL);
    CHECK(wait_flags(w, 0x40) == 0, "waiter did not block");
    word = 1;
    EXPECT(sys_futex_wake(&word, 5), 1);
    for (int i = 0; i < 100 && waiter_result == 1; i++)
        sleep_ms(1);
    EXPECT(waiter_result, 0);
    EXPECT(sys_futex_wait((volatile uint32_t *)2, 0, 0), -EINVAL);
    EXPECT(sys_futex_wait((volatile uint32_t *)0xFFFF800000000000ull, 0, 0), -EFAULT);
    return 0;
}

/* Clearing a process ends every thread it has: one left running would
 * keep the process's space, and the frames vm has taken back, mapped. */
static volatile endpoint_t sibling;
static char sibling_stack[16384] __attribute__((aligned(16)));

static void *sibling_thread(void *arg)
{
    message m;

    (void)arg;
    for (;;)
        ipc_receive(ANY, &m);
    return NULL;
}

static void process_with_a_thread(void *arg)
{
    endpoint_t ep = NONE;
    message m;

    (void)arg;
    if (sys_fork_thread(sibling_thread, NULL, sibling_stack + sizeof(sibling_stack), "sibling",
                        &ep) == 0)
        sibling = ep;
    for (;;)
        ipc_receive(ANY, &m);
}

int clear_ends_every_thread_of_a_process(void)
{
    struct priv_spec p = test_priv(PRIV_ID_TEST);

    p.kcalls |= 1ull << KC_FORK;
    sibling = NONE;
    endpoint_t child = spawn_process(process_with_a_thread, NULL, &p);
    CHECK(child >= 0, "spawn: %d", child);
    for (int i = 0; i < 500 && sibling == NONE; i++)
        sleep_ms(2);
    endpoint_t s = sibling;
    CHECK(s != NONE, "the process made no second thread");
    EXPECT(sys_runctl(s, RUNCTL_RESUME), 0);
    kill_process(child);
    EXPECT(sys_runctl(s, RUNCTL_RESUME), -EDEADSRCDST);
    return 0;
}
