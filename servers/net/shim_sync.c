/*
 * Mutexes and condition variables for lwIP, inside glibc's storage.
 *
 * lwIP's unix port allocates pthread_mutex_t (40 bytes), pthread_cond_t (48)
 * and pthread_condattr_t (4) inside its own structures, and one mutex is a
 * static PTHREAD_MUTEX_INITIALIZER: every state must fit in those bytes and
 * all-zero must mean "initialised and free". Both objects are built on one
 * 32-bit futex word each (plat_futex_wait/wake).
 *
 * Mutex (Drepper, "Futexes Are Tricky", mutex 2): the word is 0 free, 1 held,
 * 2 held and perhaps contended. Lock takes 0->1 with one compare-exchange;
 * otherwise it swaps in 2 and sleeps while the word stays 2. Unlock swaps in
 * 0 and wakes one sleeper only if the old value was 2. The recursive and
 * error-checking kinds also record the owner's tid and a depth; the normal
 * kind (all lwIP uses) does not touch them.
 *
 * Condition variable: a sequence word that every signal or broadcast bumps
 * before waking. A waiter reads the word while it still holds the mutex,
 * releases the mutex and sleeps only if the word is unchanged, so a signal
 * given after the waiter let go of the mutex cannot be lost. Wake-ups may be
 * spurious, which POSIX allows and lwIP's loops tolerate. A waiter count lets
 * signal skip the futex call when nobody waits. The word wraps after 2^32
 * signals; a waiter that slept through exactly that many would miss one.
 *
 * Timed waits take an absolute deadline on the clock chosen with
 * pthread_condattr_setclock (lwIP picks CLOCK_MONOTONIC), turned into the
 * relative timeout the futex takes.
 *
 * Return values are lwIP's errno numbers (LX_*), as glibc's would be.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include "plat.h"
#include "shim.h"

#define NS_PER_SEC 1000000000ll

_Static_assert(sizeof(struct lx_mutex) == 40, "glibc's pthread_mutex_t");
_Static_assert(offsetof(struct lx_mutex, kind) == 16, "glibc's __kind");
_Static_assert(sizeof(struct lx_cond) == 48, "glibc's pthread_cond_t");
_Static_assert(sizeof(struct lx_condattr) == 4, "glibc's pthread_condattr_t");
_Static_assert(sizeof(struct lx_mutexattr) == 4, "glibc's pthread_mutexattr_t");

static void word_lock(uint32_t *word)
{
    uint32_t seen = 0;

    if (__atomic_compare_exchange_n(word, &seen, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    if (seen != 2)
        seen = __atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE);
    while (seen != 0) {
        plat_futex_wait(word, 2, PLAT_FOREVER);
        seen = __atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE);
    }
}

static void word_unlock(uint32_t *word)
{
    if (__atomic_exchange_n(word, 0, __ATOMIC_RELEASE) == 2)
        plat_futex_wake(word, 1);
}

static int owned_kind(const struct lx_mutex *m)
{
    int kind = m->kind & 3;

    return kind == LX_MUTEX_RECURSIVE || kind == LX_MUTEX_ERRORCHECK ? kind : 0;
}

int shim_pthread_mutex_init(struct lx_mutex *m, const struct lx_mutexattr *attr)
{
    memset(m, 0, sizeof(*m));
    m->kind = attr ? (int32_t)attr->kind : LX_MUTEX_NORMAL;
    return 0;
}

int shim_pthread_mutex_destroy(struct lx_mutex *m)
{
    return __atomic_load_n(&m->lock, __ATOMIC_RELAXED) ? LX_EBUSY : 0;
}

/* For the owned kinds: whether the caller already holds m, and if so what
 * to do about it (0 after deepening a recursive hold). */
static int relock(struct lx_mutex *m, int kind, int32_t self, int *result)
{
    if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) != self)
        return 0;
    if (kind == LX_MUTEX_ERRORCHECK) {
        *result = LX_EDEADLK;
    } else if (m->count == UINT32_MAX) {
        *result = LX_EAGAIN;
    } else {
        m->count++;
        *result = 0;
    }
    return 1;
}

int shim_pthread_mutex_lock(struct lx_mutex *m)
{
    int kind = owned_kind(m), result;

    if (!kind) {
        word_lock(&m->lock);
        return 0;
    }
    int32_t self = shim_self()->tid;
    if (relock(m, kind, self, &result))
        return result;
    word_lock(&m->lock);
    __atomic_store_n(&m->owner, self, __ATOMIC_RELAXED);
    m->count = 1;
    return 0;
}

int shim_pthread_mutex_trylock(struct lx_mutex *m)
{
    int kind = owned_kind(m), result;
    uint32_t seen = 0;
    int32_t self = kind ? shim_self()->tid : 0;

    if (kind && relock(m, kind, self, &result))
        return result == LX_EDEADLK ? LX_EBUSY : result;
    if (!__atomic_compare_exchange_n(&m->lock, &seen, 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return LX_EBUSY;
    if (kind) {
        __atomic_store_n(&m->owner, self, __ATOMIC_RELAXED);
        m->count = 1;
    }
    return 0;
}

int shim_pthread_mutex_unlock(struct lx_mutex *m)
{
    if (owned_kind(m)) {
        if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) != shim_self()->tid)
            return LX_EPERM;
        if (--m->count > 0)
            return 0;
        __atomic_store_n(&m->owner, 0, __ATOMIC_RELAXED);
    }
    word_unlock(&m->lock);
    return 0;
}

int shim_pthread_mutexattr_init(struct lx_mutexattr *attr)
{
    attr->kind = LX_MUTEX_NORMAL;
    return 0;
}

int shim_pthread_mutexattr_destroy(struct lx_mutexattr *attr)
{
    (void)attr;
    return 0;
}

int shim_pthread_mutexattr_settype(struct lx_mutexattr *attr, int kind)
{
    if (kind < LX_MUTEX_NORMAL || kind > LX_MUTEX_ADAPTIVE)
        return LX_EINVAL;
    attr->kind = (uint32_t)kind;
    return 0;
}

int shim_pthread_cond_init(struct lx_cond *c, const struct lx_condattr *attr)
{
    memset(c, 0, sizeof(*c));
    c->clock = attr ? attr->value >> 1 : LX_CLOCK_REALTIME;
    return 0;
}

int shim_pthread_cond_destroy(struct lx_cond *c)
{
    return __atomic_load_n(&c->waiters, __ATOMIC_SEQ_CST) ? LX_EBUSY : 0;
}

static int cond_wake(struct lx_cond *c, int n)
{
    if (__atomic_load_n(&c->waiters, __ATOMIC_SEQ_CST) == 0)
        return 0;
    __atomic_add_fetch(&c->seq, 1, __ATOMIC_SEQ_CST);
    plat_futex_wake(&c->seq, n);
    return 0;
}

int shim_pthread_cond_signal(struct lx_cond *c)
{
    return cond_wake(c, 1);
}

int shim_pthread_cond_broadcast(struct lx_cond *c)
{
    return cond_wake(c, INT_MAX);
}

/* Releases m, sleeps on c for at most timeout_ns, takes m back. The caller
 * must hold m. */
static int cond_block(struct lx_cond *c, struct lx_mutex *m, uint64_t timeout_ns)
{
    __atomic_add_fetch(&c->waiters, 1, __ATOMIC_SEQ_CST);
    uint32_t seq = __atomic_load_n(&c->seq, __ATOMIC_SEQ_CST);
    int r = shim_pthread_mutex_unlock(m);
    if (r != 0) {
        __atomic_sub_fetch(&c->waiters, 1, __ATOMIC_SEQ_CST);
        return r;
    }
    r = plat_futex_wait(&c->seq, seq, timeout_ns);
    __atomic_sub_fetch(&c->waiters, 1, __ATOMIC_SEQ_CST);
    shim_pthread_mutex_lock(m);
    return r == -ETIMEDOUT ? LX_ETIMEDOUT : 0;
}

int shim_pthread_cond_wait(struct lx_cond *c, struct lx_mutex *m)
{
    return cond_block(c, m, PLAT_FOREVER);
}

int shim_pthread_cond_timedwait(struct lx_cond *c, struct lx_mutex *m,
                                const struct lx_timespec *abstime)
{
    if (abstime->tv_nsec < 0 || abstime->tv_nsec >= NS_PER_SEC)
        return LX_EINVAL;
    int64_t now = shim_clock_now((int)c->clock);
    if (now < 0)
        return LX_EINVAL;
    if (abstime->tv_sec < 0)
        return LX_ETIMEDOUT;
    int64_t deadline = abstime->tv_sec > INT64_MAX / NS_PER_SEC - 1
                           ? INT64_MAX
                           : abstime->tv_sec * NS_PER_SEC + abstime->tv_nsec;
    if (deadline <= now)
        return LX_ETIMEDOUT;
    return cond_block(c, m, (uint64_t)(deadline - now));
}

int shim_pthread_condattr_init(struct lx_condattr *attr)
{
    attr->value = LX_CLOCK_REALTIME << 1;
    return 0;
}

int shim_pthread_condattr_destroy(struct lx_condattr *attr)
{
    (void)attr;
    return 0;
}

/* glibc accepts exactly these two clocks for condition variables. */
int shim_pthread_condattr_setclock(struct lx_condattr *attr, int lx_clock)
{
    if (lx_clock != LX_CLOCK_REALTIME && lx_clock != LX_CLOCK_MONOTONIC)
        return LX_EINVAL;
    attr->value = (attr->value & 1) | ((uint32_t)lx_clock << 1);
    return 0;
}

/*
 * lwIP's port guards its pbuf and memory-pool bookkeeping with
 * sys_arch_protect/unprotect, a recursive lock taken a dozen times per
 * frame; the port's own goes through pthread_self and
 * pthread_mutex_lock, four calls through the PLT and the shim each time.
 * This one is the same lock on one futex word, with the same behaviour
 * (an unprotect by a thread not holding it does nothing); the loader
 * binds lwIP's calls to it.
 */
static uint32_t protect_word;
static struct shim_tcb *protect_owner; /* written only by the holder */
static uint32_t protect_depth;

int shim_sys_arch_protect(void)
{
    struct shim_tcb *self = shim_self();

    if (__atomic_load_n(&protect_owner, __ATOMIC_RELAXED) == self) {
        protect_depth++;
        return 0;
    }
    word_lock(&protect_word);
    __atomic_store_n(&protect_owner, self, __ATOMIC_RELAXED);
    protect_depth = 1;
    return 0;
}

void shim_sys_arch_unprotect(int level)
{
    (void)level;
    if (__atomic_load_n(&protect_owner, __ATOMIC_RELAXED) != shim_self())
        return;
    if (--protect_depth == 0) {
        __atomic_store_n(&protect_owner, NULL, __ATOMIC_RELAXED);
        word_unlock(&protect_word);
    }
}
