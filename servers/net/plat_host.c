/*
 * The shim's platform on the Linux host, for the unit tests.
 *
 * Futexes are Linux's own (FUTEX_WAIT_PRIVATE with a relative timeout, and
 * FUTEX_WAKE_PRIVATE), so the shim's mutexes and condition variables run
 * here exactly as they will on Ember.
 *
 * Threads are glibc threads, started on the stack the shim allocated. Their
 * %fs stays on glibc's own thread header: on the host lwIP's plain C imports
 * are bound to glibc (malloc, memcpy, ...), and glibc needs its header
 * behind %fs in every thread that calls it. glibc's header has the same
 * shape where it matters (the canary at 0x28), so lwIP's stack-protector
 * checks run against glibc's canary here; the shim's own block is what
 * plat_tls_get returns, kept in a thread-local variable. The unit test
 * checks separately that lwIP code runs with %fs on a shim block.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "plat.h"

#define NS_PER_SEC 1000000000ull

struct host_start {
    void *(*fn)(void *);
    void *arg;
    void *tls;
};

static __thread void *current_tls;

int plat_futex_wait(uint32_t *addr, uint32_t expect, uint64_t timeout_ns)
{
    struct timespec ts, *limit = NULL;

    if (timeout_ns == 0)
        return -ETIMEDOUT;
    if (timeout_ns != PLAT_FOREVER) {
        ts.tv_sec = (time_t)(timeout_ns / NS_PER_SEC);
        ts.tv_nsec = (long)(timeout_ns % NS_PER_SEC);
        limit = &ts;
    }
    long r = syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, expect, limit, NULL, 0);
    return r == 0 ? 0 : -errno;
}

int plat_futex_wake(uint32_t *addr, int n)
{
    long r = syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);

    return r < 0 ? -errno : (int)r;
}

static void *host_thread(void *arg)
{
    struct host_start start = *(struct host_start *)arg;

    free(arg);
    current_tls = start.tls;
    return start.fn(start.arg);
}

int plat_thread_create(void *(*fn)(void *), void *arg, void *stack, size_t stack_size, void *tls)
{
    struct host_start *start = malloc(sizeof(*start));
    pthread_attr_t attr;
    pthread_t id;

    if (!start)
        return -ENOMEM;
    *start = (struct host_start){ fn, arg, tls };
    pthread_attr_init(&attr);
    int r = pthread_attr_setstack(&attr, stack, stack_size);
    if (r == 0)
        r = pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (r == 0)
        r = pthread_create(&id, &attr, host_thread, start);
    pthread_attr_destroy(&attr);
    if (r != 0)
        free(start);
    return -r;
}

static uint64_t clock_ns(clockid_t id)
{
    struct timespec ts;

    clock_gettime(id, &ts);
    return (uint64_t)ts.tv_sec * NS_PER_SEC + (uint64_t)ts.tv_nsec;
}

uint64_t plat_time_ns(void)
{
    return clock_ns(CLOCK_MONOTONIC);
}

uint64_t plat_wall_ns(void)
{
    return clock_ns(CLOCK_REALTIME);
}

int plat_tls_set(void *block)
{
    current_tls = block;
    return 0;
}

void *plat_tls_get(void)
{
    return current_tls;
}
