/*
 * Mutexes, condition variables and once, on futex words in the objects
 * themselves (thread.h's __futex_* for the lock word).
 *
 * A condition variable is a sequence number that every signal bumps: a
 * waiter reads it while holding the mutex and sleeps only if it has not
 * changed, so no wake-up is lost; wake-ups may be spurious, as POSIX
 * allows. Timed waits take an absolute time on the variable's clock
 * (CLOCK_REALTIME unless pthread_condattr_setclock says otherwise).
 */
#include <errno.h>
#include <limits.h>
#include <time.h>
#include <ember/sys.h>

#include "thread.h"

int64_t __ns_until(const struct timespec *abstime, clockid_t clock)
{
    struct timespec now;

    if (!abstime || abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L)
        return -1;
    if (clock_gettime(clock, &now) < 0)
        return -1;
    int64_t ns =
        (int64_t)(abstime->tv_sec - now.tv_sec) * 1000000000LL + (abstime->tv_nsec - now.tv_nsec);
    return ns > 0 ? ns : 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
    *m = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
    m->__kind = attr ? attr->__kind : PTHREAD_MUTEX_NORMAL;
    return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
    return m->__lock ? EBUSY : 0;
}

/* Recursive and error-checking kinds: what to do when the caller holds m
 * already. -1: take it normally. */
static int relock(pthread_mutex_t *m, uintptr_t me)
{
    if (m->__kind == PTHREAD_MUTEX_NORMAL || m->__owner != me)
        return -1;
    if (m->__kind == PTHREAD_MUTEX_ERRORCHECK)
        return EDEADLK;
    if (m->__count == UINT32_MAX)
        return EAGAIN;
    m->__count++;
    return 0;
}

static void taken(pthread_mutex_t *m, uintptr_t me)
{
    m->__owner = me;
    m->__count = 1;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
    uintptr_t me = __thread_id();
    int r = relock(m, me);

    if (r >= 0)
        return r;
    __futex_lock(&m->__lock);
    taken(m, me);
    return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
    uintptr_t me = __thread_id();
    int r = relock(m, me);

    if (r >= 0)
        return r == EDEADLK ? EBUSY : r;
    if (!__futex_trylock(&m->__lock))
        return EBUSY;
    taken(m, me);
    return 0;
}

int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abstime)
{
    uintptr_t me = __thread_id();
    int r = relock(m, me);

    if (r >= 0)
        return r;
    if ((r = __futex_lock_until(&m->__lock, abstime, CLOCK_REALTIME)) != 0)
        return r;
    taken(m, me);
    return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
    uintptr_t me = __thread_id();

    if (m->__kind != PTHREAD_MUTEX_NORMAL) {
        if (m->__owner != me)
            return EPERM;
        if (--m->__count > 0)
            return 0;
    } else if (!m->__lock) {
        return EPERM;
    }
    m->__owner = 0;
    m->__count = 0;
    __futex_unlock(&m->__lock);
    return 0;
}

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
    attr->__kind = PTHREAD_MUTEX_NORMAL;
    return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
    (void)attr;
    return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int kind)
{
    if (kind < PTHREAD_MUTEX_NORMAL || kind > PTHREAD_MUTEX_ERRORCHECK)
        return EINVAL;
    attr->__kind = kind;
    return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *kind)
{
    *kind = attr->__kind;
    return 0;
}

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
    *c = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
    if (attr)
        c->__clock = attr->__clock;
    return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
    return c->__waiters ? EBUSY : 0;
}

/* Wait with the mutex given up; ETIMEDOUT when abstime passed. */
static int cond_block(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime)
{
    uint32_t seq = __atomic_load_n(&c->__seq, __ATOMIC_ACQUIRE);
    uintptr_t owner = m->__owner;
    uint32_t count = m->__count;
    int64_t left = 0;

    if (abstime && (left = __ns_until(abstime, c->__clock)) <= 0)
        return left < 0 ? EINVAL : ETIMEDOUT;
    __atomic_fetch_add(&c->__waiters, 1, __ATOMIC_RELAXED);
    m->__owner = 0;
    m->__count = 0;
    __futex_unlock(&m->__lock);
    sys_futex_wait(&c->__seq, seq, abstime ? (uint64_t)left : 0);
    __atomic_fetch_sub(&c->__waiters, 1, __ATOMIC_RELAXED);
    __futex_lock(&m->__lock);
    m->__owner = owner;
    m->__count = count;
    if (abstime && __atomic_load_n(&c->__seq, __ATOMIC_ACQUIRE) == seq &&
        __ns_until(abstime, c->__clock) == 0)
        return ETIMEDOUT;
    return 0;
}

int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
    return cond_block(c, m, NULL);
}

int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime)
{
    return cond_block(c, m, abstime);
}

static int cond_wake(pthread_cond_t *c, uint32_t n)
{
    __atomic_fetch_add(&c->__seq, 1, __ATOMIC_RELEASE);
    if (__atomic_load_n(&c->__waiters, __ATOMIC_RELAXED))
        sys_futex_wake(&c->__seq, n);
    return 0;
}

int pthread_cond_signal(pthread_cond_t *c)
{
    return cond_wake(c, 1);
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
    return cond_wake(c, UINT32_MAX);
}

int pthread_condattr_init(pthread_condattr_t *attr)
{
    attr->__clock = CLOCK_REALTIME;
    return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
    (void)attr;
    return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
        return EINVAL;
    attr->__clock = clock;
    return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock)
{
    *clock = attr->__clock;
    return 0;
}

/* 0 not run, 1 running (others sleep on the word), 2 done. */
int pthread_once(pthread_once_t *once, void (*fn)(void))
{
    uint32_t s = 0;

    if (__atomic_load_n(&once->__state, __ATOMIC_ACQUIRE) == 2)
        return 0;
    if (__atomic_compare_exchange_n(&once->__state, &s, 1, false, __ATOMIC_ACQUIRE,
                                    __ATOMIC_ACQUIRE)) {
        fn();
        __atomic_store_n(&once->__state, 2, __ATOMIC_RELEASE);
        if (__libc_threaded)
            sys_futex_wake(&once->__state, UINT32_MAX);
        return 0;
    }
    while ((s = __atomic_load_n(&once->__state, __ATOMIC_ACQUIRE)) != 2)
        sys_futex_wait(&once->__state, s, 0);
    return 0;
}
