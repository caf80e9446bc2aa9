/*
 * readv and writev: one read or write through a buffer that gathers or
 * scatters the vector, so a writev to a pipe or socket stays one write.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/uio.h>
#include "call.h"

static ssize_t total_of(const struct iovec *iov, int n)
{
    size_t total = 0;

    if (n < 0 || n > IOV_MAX || (n > 0 && !iov))
        return -1;
    for (int i = 0; i < n; i++) {
        if (iov[i].iov_len > (size_t)LONG_MAX - total)
            return -1;
        total += iov[i].iov_len;
    }
    return (ssize_t)total;
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
    ssize_t total = total_of(iov, n);

    if (total < 0)
        return (ssize_t)__ret(-EINVAL);
    if (n == 1)
        return write(fd, iov[0].iov_base, iov[0].iov_len);
    char *buf = malloc(total ? (size_t)total : 1);
    if (!buf)
        return (ssize_t)__ret(-ENOMEM);
    size_t at = 0;
    for (int i = 0; i < n; i++) {
        memcpy(buf + at, iov[i].iov_base, iov[i].iov_len);
        at += iov[i].iov_len;
    }
    ssize_t r = write(fd, buf, (size_t)total);
    free(buf);
    return r;
}

ssize_t readv(int fd, const struct iovec *iov, int n)
{
    ssize_t total = total_of(iov, n);

    if (total < 0)
        return (ssize_t)__ret(-EINVAL);
    if (n == 1)
        return read(fd, iov[0].iov_base, iov[0].iov_len);
    char *buf = malloc(total ? (size_t)total : 1);
    if (!buf)
        return (ssize_t)__ret(-ENOMEM);
    ssize_t r = read(fd, buf, (size_t)total);
    for (size_t at = 0, i = 0; r > 0 && at < (size_t)r; i++) {
        size_t k = iov[i].iov_len < (size_t)r - at ? iov[i].iov_len : (size_t)r - at;
        memcpy(iov[i].iov_base, buf + at, k);
        at += k;
    }
    free(buf);
    return r;
}
