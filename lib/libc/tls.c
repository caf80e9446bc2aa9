/*
 * Per-thread C library state: errno, and newlib's struct _reent for a
 * newlib built with __DYNAMIC_REENT__ (which would call __getreent()).
 * The first thread, and any thread that is not libc's, use the global
 * ones.
 */
#include <errno.h>
#include <reent.h>

#include "thread.h"

/* Here, not in lock.c: every program refers to it (through errno), and
 * lock.c must come in only with threads, or newlib's dummy locks would
 * meet it in the link. */
volatile int __libc_threaded;

int *__errno(void)
{
    struct __pthread *t = __thread_self();

    return t && t->ep != 0 ? &t->err : &_REENT->_errno;
}

struct _reent *__getreent(void)
{
    struct __pthread *t = __thread_self();

    return t && t->ep != 0 ? &t->reent : _impure_ptr;
}
