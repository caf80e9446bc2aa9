/* select and poll, answered by vfs. */
#include <poll.h>
#include <sys/select.h>
#include "call.h"

/* The sets go in the message for at most 64 descriptors, else vfs reads
 * and writes them in our memory. */
int select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *tv)
{
    struct vfs_fdsets sets;
    message m;
    bool inl = nfds <= VFS_SELECT_INLINE;

    if (nfds < 0 || nfds > VFS_FD_SETSIZE)
        return (int)__ret(-EINVAL);
    if (tv && (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000))
        return (int)__ret(-EINVAL);
    memset(&sets, 0, sizeof(sets));
    for (int fd = 0; fd < nfds; fd++) {
        if (rd && FD_ISSET(fd, rd))
            sets.read[fd / 64] |= 1ull << (fd % 64);
        if (wr && FD_ISSET(fd, wr))
            sets.write[fd / 64] |= 1ull << (fd % 64);
        if (ex && FD_ISSET(fd, ex))
            sets.except[fd / 64] |= 1ull << (fd % 64);
    }
    __msg(&m, VFS_SELECT);
    m.vfs_select.nfds = nfds;
    m.vfs_select.timeout_us = tv ? tv->tv_sec * 1000000 + tv->tv_usec : -1;
    if (inl) {
        m.vfs_select.read = sets.read[0];
        m.vfs_select.write = sets.write[0];
        m.vfs_select.except = sets.except[0];
    } else {
        m.vfs_select.sets = (uint64_t)&sets;
    }
    long r = __server_call(VFS_EP, &m);
    if (r < 0)
        return (int)__ret(r);
    if (inl) {
        sets.read[0] = m.vfs_select.read;
        sets.write[0] = m.vfs_select.write;
        sets.except[0] = m.vfs_select.except;
    }
    for (int fd = 0; fd < nfds; fd++) {
        if (rd && !((sets.read[fd / 64] >> (fd % 64)) & 1))
            FD_CLR(fd, rd);
        if (wr && !((sets.write[fd / 64] >> (fd % 64)) & 1))
            FD_CLR(fd, wr);
        if (ex && !((sets.except[fd / 64] >> (fd % 64)) & 1))
            FD_CLR(fd, ex);
    }
    return (int)r;
}

_Static_assert(sizeof(((struct vfs_poll *)0)->inl[0]) == sizeof(struct pollfd), "pollfd layout");

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
    message m;
    bool inl = nfds <= VFS_POLL_INLINE;

    __msg(&m, VFS_POLL);
    m.vfs_poll.fds = (uint64_t)fds;
    m.vfs_poll.nfds = nfds;
    m.vfs_poll.timeout_ms = timeout;
    if (inl && nfds)
        memcpy(m.vfs_poll.inl, fds, nfds * sizeof(*fds));
    long r = __server_call(VFS_EP, &m);
    if (r >= 0 && inl && nfds)
        memcpy(fds, m.vfs_poll.inl, nfds * sizeof(*fds));
    return (int)__ret(r);
}
