/* The libc's calls to the servers: send, wait for the answer, map errors. */
#ifndef LIBC_CALL_H
#define LIBC_CALL_H

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <ember/ipc.h>
#include <ember/endpoints.h>
#include <ember/sys.h>
#include <ember/startup.h>

/* The length passed with a path: the most it may be. The server finds its
 * end, so a bad pointer gives EFAULT instead of crashing libc's strlen. */
#define PATH_ARG_LEN 4096u

/* Call a server; the result (>= 0) or -errno. */
long __server_call(endpoint_t server, message *m);

/* The same, restarted when a handler with SA_RESTART interrupted it. */
long __server_call_restart(endpoint_t server, message *m);

/* 0 if this process may read (write, if asked) len bytes at p, or -EFAULT. */
int __user_range(const void *p, size_t len, bool write);

/* errno from a negative result; returns -1 (or the result if >= 0). */
long __ret(long r);

static inline void __msg(message *m, int type)
{
    memset(m, 0, sizeof(*m));
    m->m_type = type;
}

/* Set by the signal entry when a handler with SA_RESTART ran. */
extern volatile int __sig_restart;

#endif
