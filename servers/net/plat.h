/*
 * The platform under the glibc-ABI shim: the few things its threads and
 * synchronisation need from the system below. plat_ember.c implements them
 * with Ember's kernel calls, plat_host.c with Linux system calls for the
 * host-side tests. Errors are negative errno values of the platform's own C
 * library (newlib's on Ember, glibc's on the host); the shim compares them
 * with the <errno.h> it is compiled against, never with lwIP's numbers.
 */
#ifndef NET_PLAT_H
#define NET_PLAT_H

#include <stddef.h>
#include <stdint.h>

#define PLAT_FOREVER UINT64_MAX /* timeout of a wait without one */

/* Sleeps while *addr == expect, until plat_futex_wake or timeout_ns (a
 * relative time) pass. Returns 0 when woken (perhaps spuriously), -EAGAIN if
 * *addr != expect on entry, -ETIMEDOUT, or another negative errno. A timeout
 * of 0 returns -ETIMEDOUT at once. */
int plat_futex_wait(uint32_t *addr, uint32_t expect, uint64_t timeout_ns);

/* Wakes up to n threads sleeping on addr; returns how many, or -errno. */
int plat_futex_wake(uint32_t *addr, int n);

/* Starts fn(arg) on a new thread of this process, running on
 * stack[0..stack_size) with its thread pointer (%fs base, where the
 * platform allows) at tls. When fn returns, the thread ends; its stack and
 * tls stay the caller's to free. Returns 0 or -errno. */
int plat_thread_create(void *(*fn)(void *), void *arg, void *stack, size_t stack_size, void *tls);

/* Monotonic time in nanoseconds, from an arbitrary origin (boot). */
uint64_t plat_time_ns(void);

/* Wall-clock time in nanoseconds since the Unix epoch. */
uint64_t plat_wall_ns(void);

/* Makes block the calling thread's TLS block; returns 0 or -errno. */
int plat_tls_set(void *block);

/* The calling thread's TLS block, or NULL where the platform can tell that
 * there is none. */
void *plat_tls_get(void);

#endif
