/*
 * Error codes returned by the kernel, as negative values. The POSIX ones
 * have newlib's numbers (user space checks this at compile time in
 * lib/libc); the IPC-specific ones are Ember's own.
 */
#ifndef EMBER_ERRNO_H
#define EMBER_ERRNO_H

#ifndef EPERM
#define EPERM     1
#define ENOENT    2
#define ESRCH     3
#define EINTR     4
#define EIO       5
#define E2BIG     7
#define ENOEXEC   8
#define EBADF     9
#define EAGAIN    11
#define ENOMEM    12
#define EACCES    13
#define EFAULT    14
#define EBUSY     16
#define EEXIST    17
#define EINVAL    22
#define ENOSPC    28
#define ELOOP     92
#define ERANGE    34
#define EDEADLK   45
#define ENOSYS    88
#define ETIMEDOUT 116
#endif

#define EMBER_ERRNO_BASE 200
#define EDEADSRCDST      (EMBER_ERRNO_BASE + 0) /* the other side is dead or a stale endpoint */
#define ECALLDENIED      (EMBER_ERRNO_BASE + 1) /* not allowed to send to that endpoint */
#define ELOCKED          (EMBER_ERRNO_BASE + 2) /* the send would close a deadlock cycle */
#define ENOTREADY        (EMBER_ERRNO_BASE + 3) /* non-blocking send: receiver not waiting */
#define EBADCALL         (EMBER_ERRNO_BASE + 4) /* no such system or kernel call */
#define EVMFAULT         (EMBER_ERRNO_BASE + 5) /* a copy met a page vm must make present */
#define EMBER_ERRNO_END  (EMBER_ERRNO_BASE + 6)

#endif
