/*
 * shim: the slice of glibc's ABI that Debian's liblwip.so.0 imports, built
 * on the platform interface of plat.h, so that lwIP runs unchanged inside
 * Ember's network server (and, for the tests, on the Linux host).
 *
 * Every function here is named shim_<what glibc calls it>; the import table
 * (shim_imports.c) binds lwIP's names to them, to the server's own C library
 * for plain C functions, or to a refusal. Nothing takes glibc's name itself,
 * so the shim can sit beside any C library, including the host's glibc.
 *
 * The storage types below have glibc's sizes on x86-64, because lwIP embeds
 * them in its own structures: the shim keeps all its state inside them.
 *
 * Files: shim_thread.c (thread control blocks, TLS, canary, errno, threads),
 * shim_sync.c (mutexes and condition variables on futexes), shim_glibc.c
 * (fortified functions, ctype, clocks, refusals), shim_imports.c (the table).
 * docs/net-lwip.md has the whole design.
 */
#ifndef NET_SHIM_H
#define NET_SHIM_H

#include <stddef.h>
#include <stdint.h>

#include "abi.h"

#define SHIM_STACK_SIZE (256 * 1024) /* stack of each thread lwIP creates */

/*
 * The server's interface.
 */

/* Prepares the shim (the canary) and attaches the calling thread. Call once,
 * before anything else here and before lwIP's initialisers run. Returns 0 or
 * a negative errno of the platform's libc. */
int shim_init(void);

/* Gives a thread the shim did not create (one of the server's own) the TLS
 * block every thread entering lwIP needs. Returns 0 or a negative errno. */
int shim_thread_attach(void);

/* The lwIP errno of the calling thread: a Linux number (see abi.h). */
int shim_errno(void);

/* The address lwIP's import name binds to, or NULL: elf_env's lookup. */
void *shim_resolve(const char *name, void *ctx);

enum shim_origin {
    SHIM_OWN,     /* implemented in the shim */
    SHIM_LIBC,    /* the server's C library, same ABI as glibc's */
    SHIM_REFUSED, /* used only by lwIP's serial/tap drivers: fails with ENOSYS */
};

struct shim_import {
    const char *name;
    void *addr;
    enum shim_origin origin;
};

extern const struct shim_import shim_imports[];
extern const size_t shim_nimports;

/*
 * Thread control block: the TLS block %fs points to in every thread that
 * runs lwIP code. The first words are laid out as glibc's tcbhead_t, which
 * the code compiled against glibc reads: %fs:0 (the thread pointer, by the
 * x86-64 psABI) and %fs:0x28 (the stack protector's canary).
 */
struct shim_tcb {
    struct shim_tcb *self;       /* 0x00: the thread pointer */
    void *dtv;                   /* 0x08: unused (no TLS modules) */
    struct shim_tcb *self_again; /* 0x10: glibc's header.self */
    uint32_t multiple_threads;   /* 0x18 */
    uint32_t gscope_flag;        /* 0x1c */
    uint64_t sysinfo;            /* 0x20 */
    uint64_t stack_guard;        /* 0x28: the canary */
    uint64_t pointer_guard;      /* 0x30 */
    /* The shim's own, after glibc's words. */
    int lx_errno; /* where __errno_location points */
    int32_t tid;  /* small and nonzero: mutex ownership */
    void *(*start)(void *);
    void *arg;
    void *stack;
};

/* The calling thread's block; a thread that was never attached is a broken
 * invariant (the server's bug), reported and aborted. */
struct shim_tcb *shim_self(void);

/* The process-wide canary every block carries. */
uint64_t shim_canary(void);

/* Prints "net: <what>" on stderr and aborts. */
_Noreturn void shim_fatal(const char *what);

/* Nanoseconds on one of lwIP's clocks (LX_CLOCK_*), or -1 for an unknown one. */
int64_t shim_clock_now(int lx_clock);

/*
 * glibc's storage types (x86-64 sizes).
 */
typedef uint64_t lx_pthread_t;

enum {
    LX_MUTEX_NORMAL = 0,
    LX_MUTEX_RECURSIVE = 1,
    LX_MUTEX_ERRORCHECK = 2,
    LX_MUTEX_ADAPTIVE = 3
};

/* pthread_mutex_t: 40 bytes. The fields sit at glibc's offsets, so glibc's
 * static initialisers (all zero; __kind 1 for the recursive one) work. */
struct lx_mutex {
    uint32_t lock;   /* futex word: 0 free, 1 held, 2 held with sleepers */
    uint32_t count;  /* recursion depth (recursive kind) */
    int32_t owner;   /* holder's tid (recursive and error-checking kinds) */
    uint32_t nusers; /* unused */
    int32_t kind;    /* LX_MUTEX_*, in the low two bits */
    int16_t spins, elision;
    void *list_prev, *list_next;
};

struct lx_mutexattr { /* pthread_mutexattr_t: 4 bytes */
    uint32_t kind;
};

/* pthread_cond_t: 48 bytes; all zero is PTHREAD_COND_INITIALIZER. */
struct lx_cond {
    uint32_t seq;     /* futex word: bumped by every signal and broadcast */
    uint32_t waiters; /* threads inside a wait */
    uint32_t clock;   /* LX_CLOCK_* of timedwait's deadline */
    uint32_t unused[9];
};

struct lx_condattr { /* pthread_condattr_t: 4 bytes, bit 0 pshared, clock << 1 */
    uint32_t value;
};

/*
 * The functions lwIP imports, by the name it imports them under.
 */
/* shim_thread.c */
int *shim_errno_location(void);
_Noreturn void shim_stack_chk_fail(void);
int shim_pthread_create(lx_pthread_t *thread, const void *attr, void *(*fn)(void *), void *arg);
lx_pthread_t shim_pthread_self(void);

/* shim_sync.c */
int shim_pthread_mutex_init(struct lx_mutex *m, const struct lx_mutexattr *attr);
int shim_pthread_mutex_destroy(struct lx_mutex *m);
int shim_pthread_mutex_lock(struct lx_mutex *m);
int shim_pthread_mutex_trylock(struct lx_mutex *m);
int shim_pthread_mutex_unlock(struct lx_mutex *m);
int shim_pthread_mutexattr_init(struct lx_mutexattr *attr);
int shim_pthread_mutexattr_destroy(struct lx_mutexattr *attr);
int shim_pthread_mutexattr_settype(struct lx_mutexattr *attr, int kind);
int shim_pthread_cond_init(struct lx_cond *c, const struct lx_condattr *attr);
int shim_pthread_cond_destroy(struct lx_cond *c);
int shim_pthread_cond_signal(struct lx_cond *c);
int shim_pthread_cond_broadcast(struct lx_cond *c);
int shim_pthread_cond_wait(struct lx_cond *c, struct lx_mutex *m);
int shim_pthread_cond_timedwait(struct lx_cond *c, struct lx_mutex *m,
                                const struct lx_timespec *abstime);
/* lwIP's own sys_arch_protect/unprotect, replaced (lw.c's preempt). */
int shim_sys_arch_protect(void);
void shim_sys_arch_unprotect(int level);
int shim_pthread_condattr_init(struct lx_condattr *attr);
int shim_pthread_condattr_destroy(struct lx_condattr *attr);
int shim_pthread_condattr_setclock(struct lx_condattr *attr, int lx_clock);

/* shim_glibc.c */
void *shim_memcpy_chk(void *dst, const void *src, size_t len, size_t dstlen);
int shim_printf_chk(int flag, const char *fmt, ...);
int shim_snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...);
long shim_fdelt_chk(long fd);
const uint16_t **shim_ctype_b_loc(void);
int shim_clock_gettime(int lx_clock, struct lx_timespec *ts);
void shim_perror(const char *s);
long shim_unsupported(void);

#endif
