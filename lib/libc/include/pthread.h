/*
 * POSIX threads (lib/libc/pthread.c): kernel threads of the calling
 * process, mutexes (normal, recursive, error-checking), condition variables
 * with timed waits, once, thread-specific keys.
 *
 * Threads need the kernel calls for threads (KC_FORK of a thread, futexes,
 * the FS base): system processes have them; an ordinary process does not
 * yet, and pthread_create answers EAGAIN there. Synchronisation objects
 * work anywhere.
 */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <sys/types.h>
#include <sched.h>
#include <time.h>

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1

#define PTHREAD_MUTEX_NORMAL     0
#define PTHREAD_MUTEX_RECURSIVE  1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT    PTHREAD_MUTEX_NORMAL

#define PTHREAD_MUTEX_INITIALIZER                                                                  \
    {                                                                                              \
        0, 0, 0, PTHREAD_MUTEX_NORMAL, 0                                                           \
    }
#define PTHREAD_RECURSIVE_MUTEX_INITIALIZER                                                        \
    {                                                                                              \
        0, 0, 0, PTHREAD_MUTEX_RECURSIVE, 0                                                        \
    }
#define PTHREAD_COND_INITIALIZER                                                                   \
    {                                                                                              \
        0, 0, CLOCK_REALTIME                                                                       \
    }
#define PTHREAD_ONCE_INIT                                                                          \
    {                                                                                              \
        0                                                                                          \
    }

#define PTHREAD_KEYS_MAX  64
#define PTHREAD_STACK_MIN 16384

#ifdef __cplusplus
extern "C" {
#endif

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *),
                   void *arg);
int pthread_join(pthread_t thread, void **result);
int pthread_detach(pthread_t thread);
_Noreturn void pthread_exit(void *result);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);

int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
int pthread_attr_setdetachstate(pthread_attr_t *attr, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state);
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size);

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abstime);
int pthread_mutex_unlock(pthread_mutex_t *m);
int pthread_mutexattr_init(pthread_mutexattr_t *attr);
int pthread_mutexattr_destroy(pthread_mutexattr_t *attr);
int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int kind);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *kind);

int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr);
int pthread_cond_destroy(pthread_cond_t *c);
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m);
int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);
int pthread_condattr_init(pthread_condattr_t *attr);
int pthread_condattr_destroy(pthread_condattr_t *attr);
int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock);
int pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock);

int pthread_once(pthread_once_t *once, void (*fn)(void));

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);

/* Ember: the C library's locks (malloc, stdio) become real before the
 * first thread starts. pthread_create calls it; code that starts threads
 * by other means (the network server's glibc shim) must call it first, and
 * every thread must have %fs:0 pointing to a block of its own. */
void __libc_threads_begin(void);

#ifdef __cplusplus
}
#endif

#endif
