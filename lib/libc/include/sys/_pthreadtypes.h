/*
 * The pthread types (sys/types.h includes this): Ember's own, replacing
 * newlib's, because the objects hold their state themselves (futex words)
 * instead of naming objects kept elsewhere. All-zero storage is a ready
 * mutex, condition variable and once control, as the static initialisers
 * say.
 */
#ifndef _SYS__PTHREADTYPES_H_
#define _SYS__PTHREADTYPES_H_

#include <stddef.h>
#include <stdint.h>

typedef struct __pthread *pthread_t;

typedef struct {
    int detachstate; /* PTHREAD_CREATE_JOINABLE or _DETACHED */
    size_t stacksize;
} pthread_attr_t;

typedef struct {
    uint32_t __lock;   /* futex word: 0 free, 1 held, 2 held with sleepers */
    uint32_t __count;  /* recursion depth */
    uintptr_t __owner; /* the holder's thread pointer (recursive, error-checking) */
    int __kind;        /* PTHREAD_MUTEX_* */
    int __pad;
} pthread_mutex_t;

typedef struct {
    int __kind;
} pthread_mutexattr_t;

typedef struct {
    uint32_t __seq;     /* futex word: bumped by every signal and broadcast */
    uint32_t __waiters; /* threads inside a wait */
    int __clock;        /* timedwait's clock */
} pthread_cond_t;

typedef struct {
    int __clock;
} pthread_condattr_t;

typedef unsigned int pthread_key_t;

typedef struct {
    uint32_t __state; /* futex word: 0 not run, 1 running, 2 done */
} pthread_once_t;

#endif
