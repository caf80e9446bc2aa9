/*
 * The C library's own locks. newlib is built with retargetable locking:
 * malloc, stdio, the environment, atexit and time zones call the
 * __retarget_lock_* functions on the lock objects defined here. Each lock
 * is a futex word with an owner and a depth (the recursive kind).
 *
 * While the process has one thread every lock is free for the asking and
 * nothing is recorded: ordinary processes, which cannot make futex calls,
 * never get further. __libc_threads_begin() turns the locks on before the
 * second thread starts; from then on %fs:0 names the owner.
 *
 * A program that starts threads pulls this file in (pthread.c refers to
 * it) before newlib's dummy lock.o, whose symbols it defines in full.
 */
#include <limits.h>
#include <stdlib.h>
#include <sys/lock.h>
#include <ember/sys.h>

#include "thread.h"

struct __lock {
    uint32_t word;
    uint32_t depth;
    uintptr_t owner;
};

struct __lock __lock___sinit_recursive_mutex;
struct __lock __lock___sfp_recursive_mutex;
struct __lock __lock___atexit_recursive_mutex;
struct __lock __lock___at_quick_exit_mutex;
struct __lock __lock___malloc_recursive_mutex;
struct __lock __lock___env_recursive_mutex;
struct __lock __lock___tz_mutex;
struct __lock __lock___dd_hash_mutex;
struct __lock __lock___arc4random_mutex;

void __libc_threads_begin(void)
{
    __atomic_store_n(&__libc_threaded, 1, __ATOMIC_SEQ_CST);
}

void __futex_lock(uint32_t *w)
{
    uint32_t c = 0;

    if (__atomic_compare_exchange_n(w, &c, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    if (c != 2)
        c = __atomic_exchange_n(w, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        sys_futex_wait(w, 2, 0);
        c = __atomic_exchange_n(w, 2, __ATOMIC_ACQUIRE);
    }
}

bool __futex_trylock(uint32_t *w)
{
    uint32_t c = 0;

    return __atomic_compare_exchange_n(w, &c, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

int __futex_lock_until(uint32_t *w, const struct timespec *abstime, clockid_t clock)
{
    uint32_t c = 0;

    if (__atomic_compare_exchange_n(w, &c, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return 0;
    if (c != 2)
        c = __atomic_exchange_n(w, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        int64_t left = __ns_until(abstime, clock);
        if (left < 0)
            return EINVAL;
        if (left == 0)
            return ETIMEDOUT;
        sys_futex_wait(w, 2, (uint64_t)left);
        c = __atomic_exchange_n(w, 2, __ATOMIC_ACQUIRE);
    }
    return 0;
}

void __futex_unlock(uint32_t *w)
{
    if (__atomic_fetch_sub(w, 1, __ATOMIC_RELEASE) != 1) {
        __atomic_store_n(w, 0, __ATOMIC_RELEASE);
        sys_futex_wake(w, 1);
    }
}

void __retarget_lock_init(_LOCK_T *lock)
{
    *lock = calloc(1, sizeof(struct __lock));
}

void __retarget_lock_init_recursive(_LOCK_T *lock)
{
    *lock = calloc(1, sizeof(struct __lock));
}

void __retarget_lock_close(_LOCK_T lock)
{
    free(lock);
}

void __retarget_lock_close_recursive(_LOCK_T lock)
{
    free(lock);
}

void __retarget_lock_acquire(_LOCK_T lock)
{
    if (lock && __libc_threaded)
        __futex_lock(&lock->word);
}

int __retarget_lock_try_acquire(_LOCK_T lock)
{
    return !lock || !__libc_threaded || __futex_trylock(&lock->word);
}

void __retarget_lock_release(_LOCK_T lock)
{
    if (lock && __libc_threaded && lock->word)
        __futex_unlock(&lock->word);
}

void __retarget_lock_acquire_recursive(_LOCK_T lock)
{
    uintptr_t me = __thread_id();

    if (!lock || me == 1)
        return;
    if (__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == me) {
        lock->depth++;
        return;
    }
    __futex_lock(&lock->word);
    lock->owner = me;
    lock->depth = 1;
}

int __retarget_lock_try_acquire_recursive(_LOCK_T lock)
{
    uintptr_t me = __thread_id();

    if (!lock || me == 1)
        return 1;
    if (__atomic_load_n(&lock->owner, __ATOMIC_RELAXED) == me) {
        lock->depth++;
        return 1;
    }
    if (!__futex_trylock(&lock->word))
        return 0;
    lock->owner = me;
    lock->depth = 1;
    return 1;
}

/* A lock taken while the process had one thread was not recorded: its
 * release finds another owner (none) and leaves the lock alone. */
void __retarget_lock_release_recursive(_LOCK_T lock)
{
    uintptr_t me = __thread_id();

    if (!lock || me == 1 || lock->owner != me)
        return;
    if (--lock->depth == 0) {
        lock->owner = 0;
        __futex_unlock(&lock->word);
    }
}
