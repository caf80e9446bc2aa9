/*
 * The socket calls: each is one message to vfs (<ember/proto/sock.h>),
 * which forwards it to the network server. sendmsg and recvmsg gather and
 * scatter through one buffer here, as Ember carries no control messages.
 *
 * A length the call gives back goes to vfs as a pointer (lenp): vfs reads
 * and writes the caller's socklen_t itself, so a bad pointer is EFAULT
 * rather than a fault here. This file never follows such a pointer.
 */
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>
#include "call.h"

static void sock_msg(message *m, int call, int fd)
{
    __msg(m, call);
    m->vfs_sock.fd = fd;
}

int socket(int domain, int type, int protocol)
{
    message m;

    sock_msg(&m, VFS_SOCKET, -1);
    m.vfs_sock.arg = domain;
    m.vfs_sock.arg2 = type;
    m.vfs_sock.arg3 = protocol;
    return (int)__ret(__server_call(VFS_EP, &m));
}

int socketpair(int domain, int type, int protocol, int sv[2])
{
    (void)domain, (void)type, (void)protocol, (void)sv;
    return (int)__ret(-EAFNOSUPPORT);
}

static int addr_call(int call, int fd, const struct sockaddr *addr, socklen_t len)
{
    message m;

    sock_msg(&m, call, fd);
    m.vfs_sock.addr = (uint64_t)addr;
    m.vfs_sock.addrlen = len;
    return (int)__ret(__server_call_restart(VFS_EP, &m));
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    return addr_call(VFS_BIND, fd, addr, len);
}

/* connect is not restarted after a signal: the connection goes on being
 * made, and a second connect would answer EALREADY. */
int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    message m;

    sock_msg(&m, VFS_CONNECT, fd);
    m.vfs_sock.addr = (uint64_t)addr;
    m.vfs_sock.addrlen = len;
    return (int)__ret(__server_call(VFS_EP, &m));
}

int listen(int fd, int backlog)
{
    message m;

    sock_msg(&m, VFS_LISTEN, fd);
    m.vfs_sock.arg = backlog;
    return (int)__ret(__server_call(VFS_EP, &m));
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
    message m;

    sock_msg(&m, VFS_ACCEPT, fd);
    m.vfs_sock.addr = (uint64_t)addr;
    m.vfs_sock.lenp = (uint64_t)len;
    m.vfs_sock.arg = flags;
    return (int)__ret(__server_call_restart(VFS_EP, &m));
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
    return accept4(fd, addr, len, 0);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
               socklen_t tolen)
{
    message m;

    sock_msg(&m, VFS_SENDTO, fd);
    m.vfs_sock.buf = (uint64_t)buf;
    m.vfs_sock.len = len;
    m.vfs_sock.flags = flags;
    m.vfs_sock.addr = (uint64_t)to;
    m.vfs_sock.addrlen = to ? tolen : 0;
    long r = __server_call_restart(VFS_EP, &m);
    if (r == -EPIPE && !(flags & MSG_NOSIGNAL))
        kill(getpid(), SIGPIPE);
    return (ssize_t)__ret(r);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
    return sendto(fd, buf, len, flags, NULL, 0);
}

/* recvfrom; *mflags gets MSG_TRUNC and MSG_CTRUNC (recvmsg's msg_flags). */
static ssize_t receive(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
                       socklen_t *fromlen, int *mflags)
{
    message m;

    sock_msg(&m, VFS_RECVFROM, fd);
    m.vfs_sock.buf = (uint64_t)buf;
    m.vfs_sock.len = len;
    m.vfs_sock.flags = flags;
    m.vfs_sock.addr = (uint64_t)from;
    m.vfs_sock.lenp = (uint64_t)fromlen;
    long r = __server_call_restart(VFS_EP, &m);
    if (r >= 0 && mflags)
        *mflags = m.vfs_sock.flags;
    return (ssize_t)__ret(r);
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
                 socklen_t *fromlen)
{
    return receive(fd, buf, len, flags, from, fromlen, NULL);
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
    return receive(fd, buf, len, flags, NULL, NULL, NULL);
}

/* The total length of an I/O vector, or -1 if it is malformed. */
static ssize_t iov_total(const struct iovec *iov, int n)
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

/* What sendmsg and recvmsg follow here rather than in vfs: the header
 * (which recvmsg writes), its vector and, with more than one element, each
 * buffer. 0 with the total length in *total, -EFAULT or -EINVAL. */
static int msg_check(const struct msghdr *msg, bool receiving, ssize_t *total)
{
    if (!msg || __user_range(msg, sizeof(*msg), receiving) < 0)
        return -EFAULT;
    if (msg->msg_iovlen > 0 && msg->msg_iovlen <= IOV_MAX &&
        __user_range(msg->msg_iov, (size_t)msg->msg_iovlen * sizeof(struct iovec), false) < 0)
        return -EFAULT;
    if ((*total = iov_total(msg->msg_iov, msg->msg_iovlen)) < 0)
        return -EINVAL;
    for (int i = 0; msg->msg_iovlen > 1 && i < msg->msg_iovlen; i++)
        if (msg->msg_iov[i].iov_len &&
            __user_range(msg->msg_iov[i].iov_base, msg->msg_iov[i].iov_len, receiving) < 0)
            return -EFAULT;
    return 0;
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
    ssize_t total;
    int bad = msg_check(msg, false, &total);

    if (bad < 0)
        return (ssize_t)__ret(bad);
    if (msg->msg_controllen)
        return (ssize_t)__ret(-EINVAL);
    if (msg->msg_iovlen == 1)
        return sendto(fd, msg->msg_iov[0].iov_base, msg->msg_iov[0].iov_len, flags, msg->msg_name,
                      msg->msg_namelen);
    char *buf = malloc(total ? (size_t)total : 1);
    if (!buf)
        return (ssize_t)__ret(-ENOBUFS);
    size_t at = 0;
    for (int i = 0; i < msg->msg_iovlen; i++) {
        memcpy(buf + at, msg->msg_iov[i].iov_base, msg->msg_iov[i].iov_len);
        at += msg->msg_iov[i].iov_len;
    }
    ssize_t r = sendto(fd, buf, (size_t)total, flags, msg->msg_name, msg->msg_namelen);
    free(buf);
    return r;
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
    ssize_t total;
    int mflags = 0, bad = msg_check(msg, true, &total);

    if (bad < 0)
        return (ssize_t)__ret(bad);
    msg->msg_controllen = 0;
    socklen_t *namelen = msg->msg_name ? &msg->msg_namelen : NULL;
    if (msg->msg_iovlen == 1) {
        ssize_t r = receive(fd, msg->msg_iov[0].iov_base, msg->msg_iov[0].iov_len, flags,
                            msg->msg_name, namelen, &mflags);
        msg->msg_flags = r >= 0 ? mflags : 0;
        return r;
    }
    char *buf = malloc(total ? (size_t)total : 1);
    if (!buf)
        return (ssize_t)__ret(-ENOBUFS);
    ssize_t r = receive(fd, buf, (size_t)total, flags, msg->msg_name, namelen, &mflags);
    for (size_t at = 0, i = 0; r > 0 && at < (size_t)r; i++) {
        size_t n =
            msg->msg_iov[i].iov_len < (size_t)r - at ? msg->msg_iov[i].iov_len : (size_t)r - at;
        memcpy(msg->msg_iov[i].iov_base, buf + at, n);
        at += n;
    }
    free(buf);
    msg->msg_flags = r >= 0 ? mflags : 0;
    return r;
}

int shutdown(int fd, int how)
{
    message m;

    sock_msg(&m, VFS_SHUTDOWN, fd);
    m.vfs_sock.arg = how;
    return (int)__ret(__server_call(VFS_EP, &m));
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
    message m;

    if (!len)
        return (int)__ret(-EFAULT);
    sock_msg(&m, VFS_GETSOCKOPT, fd);
    m.vfs_sock.arg = level;
    m.vfs_sock.arg2 = name;
    m.vfs_sock.buf = (uint64_t)val;
    m.vfs_sock.lenp = (uint64_t)len;
    long r = __server_call(VFS_EP, &m);
    return (int)__ret(r < 0 ? r : 0);
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
    message m;

    sock_msg(&m, VFS_SETSOCKOPT, fd);
    m.vfs_sock.arg = level;
    m.vfs_sock.arg2 = name;
    m.vfs_sock.buf = (uint64_t)val;
    m.vfs_sock.len = len;
    return (int)__ret(__server_call(VFS_EP, &m));
}

static int name_call(int call, int fd, struct sockaddr *addr, socklen_t *len)
{
    message m;

    if (!len)
        return (int)__ret(-EFAULT);
    sock_msg(&m, call, fd);
    m.vfs_sock.addr = (uint64_t)addr;
    m.vfs_sock.lenp = (uint64_t)len;
    long r = __server_call(VFS_EP, &m);
    return (int)__ret(r < 0 ? r : 0);
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
    return name_call(VFS_GETSOCKNAME, fd, addr, len);
}

int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
    return name_call(VFS_GETPEERNAME, fd, addr, len);
}
