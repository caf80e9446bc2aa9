/*
 * Test processes. ktest has no vm to load programs, so a test process is a
 * new address space that maps the very same frames as ktest (KC_VMCOPY of
 * every present page), started at a function of ktest on a stack of its
 * own. It is a real process (its own page tables, its own privileges) that
 * happens to share ktest's memory, which lets the test read its results
 * directly.
 */
#include <stdlib.h>
#include <ember/startup.h>
#include "ktest.h"

#define PAGE        4096ull
#define STACK_SIZE  (64 * 1024)
#define IMAGE_START 0x400000ull
#define STACK_TOP   0x00007FFFFFFFE000ull
#define STACK_PAGES 16

extern char _end[];
endpoint_t self_ep;

struct start_block {
    void (*fn)(void *);
    void *arg;
};

/* Where a spawned process or thread begins; it ends by clearing itself. */
static void start(void *p)
{
    struct start_block *b = p;

    b->fn(b->arg);
    sys_clear(SELF, 0);
    for (;;)
        ;
}

static void *thread_start(void *p)
{
    start(p);
    return NULL;
}

struct priv_spec test_priv(int id)
{
    struct priv_spec s;

    memset(&s, 0, sizeof(s));
    s.id = id;
    s.flags = PRIV_SYSTEM;
    s.traps = TRAPS_ALL;
    s.supervisor = self_ep;
    s.ipc_to = ~0ull;
    s.kcalls = (1ull << KC_GETINFO) | (1ull << KC_KPRINT) | (1ull << KC_SETGRANT) |
               (1ull << KC_SAFECOPY) | (1ull << KC_VSAFECOPY) | (1ull << KC_CLEAR) |
               (1ull << KC_TIME) | (1ull << KC_SETALARM) | (1ull << KC_FUTEX) |
               (1ull << KC_SETFSBASE) | (1ull << KC_IRQCTL) | (1ull << KC_DEVIO);
    return s;
}

static uint64_t heap_end(void)
{
    return __startup.heap_end;
}

endpoint_t spawn_process(void (*fn)(void *), void *arg, const struct priv_spec *priv)
{
    endpoint_t child;
    uint64_t image_pages = (heap_end() - IMAGE_START) / PAGE;
    char *stack = malloc(STACK_SIZE);
    struct start_block *b = malloc(sizeof(*b));

    if (!stack || !b)
        return -ENOMEM;
    b->fn = fn;
    b->arg = arg;
    int r = sys_fork(SELF, FORK_SPACE, "ktest-child", &child);
    if (r < 0)
        return r;
    if ((r = sys_vmcopy(SELF, child, IMAGE_START, image_pages, 0)) < 0 ||
        (r = sys_vmcopy(SELF, child, STACK_TOP - STACK_PAGES * PAGE, STACK_PAGES, 0)) < 0 ||
        (r = sys_exec(child, (uint64_t)start, (uint64_t)(stack + STACK_SIZE - 8), (uint64_t)b, 0, 0,
                      "child")) < 0 ||
        (priv && (r = sys_privctl(child, PRIVCTL_SET, (struct priv_spec *)priv)) < 0) ||
        (r = sys_runctl(child, RUNCTL_RESUME)) < 0) {
        sys_clear(child, 0);
        return r;
    }
    return child;
}

endpoint_t spawn_thread(void (*fn)(void *), void *arg)
{
    endpoint_t child;
    char *stack = malloc(STACK_SIZE);
    struct start_block *b = malloc(sizeof(*b));

    if (!stack || !b)
        return -ENOMEM;
    b->fn = fn;
    b->arg = arg;
    int r = sys_fork_thread(thread_start, b, stack + STACK_SIZE, "ktest-thread", &child);
    return r < 0 ? r : child;
}

void kill_process(endpoint_t ep)
{
    sys_clear(ep, 0);
}

/* Wait (up to a second) until ep's blocking flags include all of 'flags'. */
int wait_flags(endpoint_t ep, int flags)
{
    static struct kinfo_thread table[NR_SLOTS];
    int n;

    for (int tries = 0; tries < 1000; tries++) {
        if (sys_getinfo(INFO_THREADS, table, sizeof(table), &n) < 0)
            return -1;
        for (int i = 0; i < n; i++)
            if (table[i].ep == ep && (table[i].flags & flags) == flags)
                return 0;
        sleep_ms(1);
    }
    return -1;
}

uint64_t now_ns(void)
{
    uint64_t t = 0;

    sys_time(&t, NULL, NULL);
    return t;
}

/* Sleep with an alarm: a CLOCK notification ends it. */
void sleep_ms(unsigned ms)
{
    message m;

    sys_setalarm((uint64_t)ms * 1000000u, 1, NULL);
    ipc_receive(CLOCK, &m);
}
