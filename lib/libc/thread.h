/*
 * libc's threads, inside: the thread control block %fs points to, the
 * futex helpers, and whether the process has more than one thread yet.
 *
 * %fs:0 holds the block's own address (the x86-64 psABI's thread pointer)
 * in every thread of a multithreaded process, libc's or not (the network
 * server's glibc shim keeps its own blocks): so locks take it as the
 * owner's identity, and only blocks carrying THREAD_MAGIC are libc's.
 */
#ifndef LIBC_THREAD_H
#define LIBC_THREAD_H

#include <pthread.h>
#include <reent.h>
#include <stdbool.h>
#include <stdint.h>
#include <ember/types.h>

#define THREAD_MAGIC 0x7468726561646d62ull

enum { THREAD_RUNNING, THREAD_EXITED };

struct __pthread {
    struct __pthread *self; /* %fs:0 */
    uint64_t magic;         /* THREAD_MAGIC */
    int err;                /* this thread's errno */
    endpoint_t ep;
    void *(*start)(void *);
    void *arg;
    void *result;
    uint32_t state;  /* futex word: THREAD_RUNNING, THREAD_EXITED */
    uint32_t parked; /* never changes: an exited thread sleeps on it */
    bool detached;
    void *stack;
    void *tsd[PTHREAD_KEYS_MAX];
    struct __pthread *next; /* every thread but the first; under the list lock */
    struct _reent reent;    /* newlib's state, for a build with __DYNAMIC_REENT__ */
};

/* Nonzero once a second thread may exist. */
extern volatile int __libc_threaded;

/* The calling thread's identity: its thread pointer, or 1 while the
 * process has one thread (whose %fs may be unset). */
static inline uintptr_t __thread_id(void)
{
    uintptr_t p = 1;

    if (__libc_threaded)
        __asm__ volatile("mov %%fs:0, %0" : "=r"(p));
    return p;
}

/* The calling thread's libc block, or NULL (one thread, or not libc's). */
static inline struct __pthread *__thread_self(void)
{
    struct __pthread *t = (struct __pthread *)__thread_id();

    return (uintptr_t)t != 1 && t->magic == THREAD_MAGIC ? t : NULL;
}

/* A futex lock word (0 free, 1 held, 2 held with sleepers). */
void __futex_lock(uint32_t *word);
int __futex_lock_until(uint32_t *word, const struct timespec *abstime, clockid_t clock);
bool __futex_trylock(uint32_t *word);
void __futex_unlock(uint32_t *word);

/* Nanoseconds from now until abstime on clock: 0 if past, -1 if invalid. */
int64_t __ns_until(const struct timespec *abstime, clockid_t clock);

#endif
