/*
 * What each symbol liblwip.so.0 imports binds to. The list is that of
 * `nm -D --undefined-only liblwip.so.0.0.0` for Debian 12's liblwip0
 * (lwIP 2.1.3); docs/net-lwip.md has it as a table with the reasons.
 *
 *  - SHIM_OWN: glibc internals, fortified functions, pthreads and
 *    clock_gettime, which either do not exist in newlib or take Linux's
 *    numbers and layouts.
 *  - SHIM_LIBC: plain C functions whose ABI is the same in every C library
 *    on x86-64 (no structures, no errno-valued results lwIP looks at, no
 *    flag numbers): the server's own C library supplies them, newlib on
 *    Ember and glibc on the host.
 *  - SHIM_REFUSED: POSIX calls made only by lwIP's serial line (sio.c) and
 *    tap drivers, which the server never starts; they fail with ENOSYS.
 *
 * The weak imports (_ITM_registerTMCloneTable, _ITM_deregisterTMCloneTable,
 * __cxa_finalize, __gmon_start__) come from the compiler's start-up files;
 * they are left out so the loader binds them to 0, which those files test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shim.h"

#define OWN(name, fn)                                                                              \
    {                                                                                              \
        name, (void *)(fn), SHIM_OWN                                                               \
    }
#define LIBC(fn)                                                                                   \
    {                                                                                              \
#fn, (void *)(fn), SHIM_LIBC                                                               \
    }
#define REFUSED(name)                                                                              \
    {                                                                                              \
        name, (void *)shim_unsupported, SHIM_REFUSED                                               \
    }

const struct shim_import shim_imports[] = {
    OWN("__errno_location", shim_errno_location),
    OWN("__stack_chk_fail", shim_stack_chk_fail),
    OWN("__memcpy_chk", shim_memcpy_chk),
    OWN("__printf_chk", shim_printf_chk),
    OWN("__snprintf_chk", shim_snprintf_chk),
    OWN("__fdelt_chk", shim_fdelt_chk),
    OWN("__ctype_b_loc", shim_ctype_b_loc),
    OWN("clock_gettime", shim_clock_gettime),
    OWN("perror", shim_perror),
    OWN("pthread_create", shim_pthread_create),
    OWN("pthread_self", shim_pthread_self),
    OWN("pthread_mutex_init", shim_pthread_mutex_init),
    OWN("pthread_mutex_destroy", shim_pthread_mutex_destroy),
    OWN("pthread_mutex_lock", shim_pthread_mutex_lock),
    OWN("pthread_mutex_unlock", shim_pthread_mutex_unlock),
    OWN("pthread_cond_init", shim_pthread_cond_init),
    OWN("pthread_cond_destroy", shim_pthread_cond_destroy),
    OWN("pthread_cond_broadcast", shim_pthread_cond_broadcast),
    OWN("pthread_cond_wait", shim_pthread_cond_wait),
    OWN("pthread_cond_timedwait", shim_pthread_cond_timedwait),
    OWN("pthread_condattr_init", shim_pthread_condattr_init),
    OWN("pthread_condattr_destroy", shim_pthread_condattr_destroy),
    OWN("pthread_condattr_setclock", shim_pthread_condattr_setclock),
    LIBC(malloc),
    LIBC(calloc),
    LIBC(free),
    LIBC(memcpy),
    LIBC(memmove),
    LIBC(memcmp),
    LIBC(strlen),
    LIBC(strncmp),
    LIBC(strncpy),
    LIBC(strtol),
    LIBC(rand),
    LIBC(getenv),
    LIBC(getpid),
    LIBC(fflush),
    LIBC(abort),
    LIBC(exit),
    REFUSED("open"),
    REFUSED("read"),
    REFUSED("write"),
    REFUSED("ioctl"),
    REFUSED("fcntl"),
    REFUSED("select"),
    REFUSED("sigaction"),
    REFUSED("system"),
    REFUSED("tcflush"),
    REFUSED("tcgetattr"),
    REFUSED("tcsetattr"),
};

const size_t shim_nimports = sizeof(shim_imports) / sizeof(shim_imports[0]);

void *shim_resolve(const char *name, void *ctx)
{
    (void)ctx;
    for (size_t i = 0; i < shim_nimports; i++)
        if (strcmp(shim_imports[i].name, name) == 0)
            return shim_imports[i].addr;
    return NULL;
}
