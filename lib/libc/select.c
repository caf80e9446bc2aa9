/* select and poll, answered by vfs. */
#include <poll.h>
#include <sys/select.h>
#include "call.h"

/* The sets of at most 64 descriptors go in the message itself. */
static uint64_t word_of(const fd_set *s, int nfds)
{
    uint64_t w = 0;

    for (int fd = 0; s && fd < nfds; fd++)
        if (FD_ISSET(fd, s))
            w |= 1ull << fd;
    return w;
}

static void word_to(fd_set *s, int nfds, uint64_t w)
{
    for (int fd = 0; s && fd < nfds; fd++)
        if (!((w >> fd) & 1))
            FD_CLR(fd, s);
}

static int select_inline(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, message *m)
{
    m->vfs_select.read = word_of(rd, nfds);
    m->vfs_select.write = word_of(wr, nfds);
    m->vfs_select.except = word_of(ex, nfds);
    long r = __server_call(VFS_EP, m);
    if (r < 0)
        return (int)__ret(r);
    word_to(rd, nfds, m->vfs_select.read);
    word_to(wr, nfds, m->vfs_select.write);
    word_to(ex, nfds, m->vfs_select.except);
    return (int)r;
}

int select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *tv)
{
    struct vfs_fdsets sets;
    message m;

    if (nfds < 0 || nfds > VFS_FD_SETSIZE)
        return (int)__ret(-EINVAL);
    if (tv && (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000))
        return (int)__ret(-EINVAL);
    if (nfds <= VFS_SELECT_INLINE) {
        __msg(&m, VFS_SELECT);
        m.vfs_select.nfds = nfds;
        m.vfs_select.timeout_us = tv ? tv->tv_sec * 1000000 + tv->tv_usec : -1;
        return select_inline(nfds, rd, wr, ex, &m);
    }
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
    m.vfs_select.sets = (uint64_t)&sets;
    m.vfs_select.timeout_us = tv ? tv->tv_sec * 1000000 + tv->tv_usec : -1;
    long r = __server_call(VFS_EP, &m);
    if (r < 0)
        return (int)__ret(r);
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
