/*
 * Threads under lwIP: their control blocks, the stack protector's canary,
 * errno, and pthread_create/pthread_self.
 *
 * lwIP was compiled with -fstack-protector against glibc: its functions read
 * the canary at %fs:0x28 on entry and compare it on exit, and it expects
 * errno behind __errno_location(). So every thread that runs lwIP code needs
 * a TLS block shaped like glibc's thread header (struct shim_tcb): the word
 * at 0 points to the block itself, the word at 0x28 is the canary. The shim
 * allocates one block per thread and the platform points the thread's %fs
 * at it (plat_tls_set); the shim's own per-thread state (errno, the small
 * tid mutexes record) lives in the same block, after glibc's words.
 *
 * The canary is one value for the whole process, drawn once in shim_init
 * from the clocks and an address (the platform has no entropy source for
 * the shim yet), with its low byte zero as glibc does, so a string overrun
 * cannot copy it out. It only has to stay unknown to packets.
 *
 * Threads the shim creates never end in lwIP (the tcpip thread loops
 * forever), and nothing joins them: when one does return, its block and
 * stack stay allocated, as a detached glibc thread's would until reaped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "plat.h"
#include "shim.h"

_Static_assert(offsetof(struct shim_tcb, self) == 0, "the thread pointer");
_Static_assert(offsetof(struct shim_tcb, stack_guard) == 0x28, "glibc's canary slot");
_Static_assert(offsetof(struct shim_tcb, pointer_guard) == 0x30, "glibc's pointer guard slot");

static uint64_t canary;      /* written once by shim_init, before any thread */
static int32_t next_tid = 1; /* atomic */

/* splitmix64's finaliser: spreads the seed's few varying bits over the word. */
static uint64_t mix(uint64_t x)
{
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

static struct shim_tcb *tcb_new(void)
{
    struct shim_tcb *t = calloc(1, sizeof(*t));

    if (!t)
        return NULL;
    t->self = t->self_again = t;
    t->stack_guard = canary;
    t->tid = __atomic_fetch_add(&next_tid, 1, __ATOMIC_RELAXED);
    return t;
}

int shim_init(void)
{
    uint64_t seed = plat_wall_ns() ^ (plat_time_ns() << 17) ^ (uintptr_t)&seed;

    canary = mix(seed) & ~0xffull;
    if (canary == 0)
        canary = 0x5eed5eed5eed5e00ull;
    return shim_thread_attach();
}

int shim_thread_attach(void)
{
    struct shim_tcb *t = tcb_new();

    if (!t)
        return -ENOMEM;
    int r = plat_tls_set(t);
    if (r < 0)
        free(t);
    return r;
}

uint64_t shim_canary(void)
{
    return canary;
}

_Noreturn void shim_fatal(const char *what)
{
    fprintf(stderr, "net: %s\n", what);
    fflush(stderr);
    abort();
}

struct shim_tcb *shim_self(void)
{
    struct shim_tcb *t = plat_tls_get();

    if (!t)
        shim_fatal("a thread entered lwIP without a TLS block (shim_thread_attach)");
    return t;
}

int shim_errno(void)
{
    return shim_self()->lx_errno;
}

int *shim_errno_location(void)
{
    return &shim_self()->lx_errno;
}

_Noreturn void shim_stack_chk_fail(void)
{
    shim_fatal("stack smashing detected in lwIP");
}

/* Where every thread lwIP creates begins. */
static void *thread_main(void *arg)
{
    struct shim_tcb *t = arg;

    return t->start(t->arg);
}

/* lwIP's sys_thread_new passes no attributes; glibc's attribute objects
 * are not part of the shim, so any are refused. */
int shim_pthread_create(lx_pthread_t *thread, const void *attr, void *(*fn)(void *), void *arg)
{
    if (attr)
        return LX_EINVAL;
    struct shim_tcb *t = tcb_new();
    void *stack = malloc(SHIM_STACK_SIZE);
    if (!t || !stack)
        goto fail;
    t->start = fn;
    t->arg = arg;
    t->stack = stack;
    if (plat_thread_create(thread_main, t, stack, SHIM_STACK_SIZE, t) < 0)
        goto fail;
    *thread = (lx_pthread_t)(uintptr_t)t;
    return 0;
fail:
    free(stack);
    free(t);
    return LX_EAGAIN;
}

lx_pthread_t shim_pthread_self(void)
{
    return (lx_pthread_t)(uintptr_t)shim_self();
}
