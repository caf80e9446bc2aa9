/*
 * The shim's platform on Ember: kernel calls from libsys.
 *
 *  - Futexes: sys_futex_wait (relative timeout, 0 meaning none) and
 *    sys_futex_wake. The kernel keys waiters by physical address.
 *  - Threads: sys_fork_thread starts a thread of this process with %fs base
 *    0, so the new thread first points %fs at its TLS block
 *    (sys_setfsbase) and only then calls into the shim and lwIP, whose
 *    functions read the canary at %fs:0x28. This file must therefore be
 *    built without the stack protector (the tree's flags are). The start
 *    record (function, argument, block) sits at the top of the new stack.
 *  - Time: the kernel's uptime read from the TSC (sys_uptime_ns, no call)
 *    for the monotonic clock, plus the boot time sys_time reports (seconds
 *    since the epoch) for the wall clock.
 *  - TLS: the block's first word points to itself (x86-64 psABI), so
 *    %fs:0 gives it back without a kernel call. A thread whose %fs was
 *    never set reads address 0 there and faults: every thread that enters
 *    lwIP must have been attached (shim_init, shim_thread_attach).
 *
 * The server needs the kernel calls KC_FORK (threads only), KC_FUTEX,
 * KC_SETFSBASE and KC_TIME in its privileges.
 */
#include <errno.h>
#include <pthread.h>
#include <ember/sys.h>

#include "plat.h"

#define NS_PER_SEC  1000000000ull
#define TIMEOUT_CAP (1ull << 62) /* longer waits are waits without a deadline */

struct start_record {
    void *(*fn)(void *);
    void *arg;
    void *tls;
};

int plat_futex_wait(uint32_t *addr, uint32_t expect, uint64_t timeout_ns)
{
    if (timeout_ns == 0)
        return -ETIMEDOUT;
    return sys_futex_wait(addr, expect, timeout_ns >= TIMEOUT_CAP ? 0 : timeout_ns);
}

int plat_futex_wake(uint32_t *addr, int n)
{
    return sys_futex_wake(addr, n < 0 ? 0 : (uint32_t)n);
}

static void *start_thread(void *arg)
{
    struct start_record *start = arg;

    if (sys_setfsbase((uint64_t)(uintptr_t)start->tls) < 0)
        return NULL;
    return start->fn(start->arg);
}

int plat_thread_create(void *(*fn)(void *), void *arg, void *stack, size_t stack_size, void *tls)
{
    if (!stack || stack_size < 4096)
        return -EINVAL;
    uintptr_t top = ((uintptr_t)stack + stack_size - sizeof(struct start_record)) & ~(uintptr_t)15;
    struct start_record *start = (struct start_record *)top;

    *start = (struct start_record){ fn, arg, tls };
    __libc_threads_begin(); /* malloc and stdio lock from now on */
    return sys_fork_thread(start_thread, start, start, "net-lwip", NULL);
}

uint64_t plat_time_ns(void)
{
    return sys_uptime_ns();
}

uint64_t plat_wall_ns(void)
{
    uint64_t uptime = 0;
    int64_t boottime = 0;

    sys_time(&uptime, NULL, &boottime);
    return (uint64_t)boottime * NS_PER_SEC + uptime;
}

int plat_tls_set(void *block)
{
    return sys_setfsbase((uint64_t)(uintptr_t)block);
}

void *plat_tls_get(void)
{
    void *block;

    __asm__ volatile("mov %%fs:0, %0" : "=r"(block));
    return block;
}
