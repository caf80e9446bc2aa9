/*
 * Sockets. Ember numbers them as 4.4BSD does (NetBSD, and so MINIX 3):
 * socket addresses start with a length byte, then an 8-bit family. vfs
 * gives sockets file descriptors and forwards their calls to the network
 * server (<ember/proto/sock.h>), which translates these numbers to lwIP's.
 */
#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>

typedef unsigned int socklen_t;
typedef uint8_t sa_family_t;

/* Address families; the protocol families are the same numbers. */
#define AF_UNSPEC 0
#define AF_UNIX   1 /* not offered: socket() fails with EAFNOSUPPORT */
#define AF_LOCAL  AF_UNIX
#define AF_INET   2
#define AF_INET6  24
#define AF_MAX    32
#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX   AF_UNIX
#define PF_LOCAL  AF_LOCAL
#define PF_INET   AF_INET
#define PF_INET6  AF_INET6

/* Types, and flags or-ed into socket()'s type (and accept4()'s flags). */
#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_RAW       3
#define SOCK_SEQPACKET 5
#define SOCK_CLOEXEC   0x10000000
#define SOCK_NONBLOCK  0x20000000

/* Options at SOL_SOCKET. */
#define SOL_SOCKET    0xffff
#define SO_DEBUG      0x0001
#define SO_ACCEPTCONN 0x0002
#define SO_REUSEADDR  0x0004
#define SO_KEEPALIVE  0x0008
#define SO_DONTROUTE  0x0010
#define SO_BROADCAST  0x0020
#define SO_LINGER     0x0080
#define SO_OOBINLINE  0x0100
#define SO_REUSEPORT  0x0200
#define SO_SNDBUF     0x1001
#define SO_RCVBUF     0x1002
#define SO_SNDLOWAT   0x1003
#define SO_RCVLOWAT   0x1004
#define SO_ERROR      0x1007
#define SO_TYPE       0x1008
#define SO_SNDTIMEO   0x100b
#define SO_RCVTIMEO   0x100c

#define SOMAXCONN 128

/* send and recv flags. */
#define MSG_OOB       0x0001
#define MSG_PEEK      0x0002
#define MSG_DONTROUTE 0x0004
#define MSG_EOR       0x0008
#define MSG_TRUNC     0x0010
#define MSG_CTRUNC    0x0020
#define MSG_WAITALL   0x0040
#define MSG_DONTWAIT  0x0080
#define MSG_NOSIGNAL  0x0400

/* shutdown() */
#define SHUT_RD   0
#define SHUT_WR   1
#define SHUT_RDWR 2

struct sockaddr {
    uint8_t sa_len;
    sa_family_t sa_family;
    char sa_data[14];
};

/* Room for any socket address, suitably aligned. */
struct sockaddr_storage {
    uint8_t ss_len;
    sa_family_t ss_family;
    char __ss_pad1[6];
    int64_t __ss_align;
    char __ss_pad2[112];
};

struct linger {
    int l_onoff;
    int l_linger; /* seconds */
};

/* sendmsg and recvmsg: Ember carries no control messages (msg_controllen
 * must be 0; recvmsg always returns it 0). */
struct msghdr {
    void *msg_name;
    socklen_t msg_namelen;
    struct iovec *msg_iov;
    int msg_iovlen;
    void *msg_control;
    socklen_t msg_controllen;
    int msg_flags;
};

struct cmsghdr {
    socklen_t cmsg_len;
    int cmsg_level;
    int cmsg_type;
};

#define CMSG_FIRSTHDR(m) ((struct cmsghdr *)0)

#ifdef __cplusplus
extern "C" {
#endif

int socket(int domain, int type, int protocol);
int socketpair(int domain, int type, int protocol, int sv[2]);
int bind(int fd, const struct sockaddr *addr, socklen_t len);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
int listen(int fd, int backlog);
int accept(int fd, struct sockaddr *addr, socklen_t *len);
int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
ssize_t send(int fd, const void *buf, size_t len, int flags);
ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
               socklen_t tolen);
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags);
ssize_t recv(int fd, void *buf, size_t len, int flags);
ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
                 socklen_t *fromlen);
ssize_t recvmsg(int fd, struct msghdr *msg, int flags);
int shutdown(int fd, int how);
int getsockopt(int fd, int level, int name, void *val, socklen_t *len);
int setsockopt(int fd, int level, int name, const void *val, socklen_t len);
int getsockname(int fd, struct sockaddr *addr, socklen_t *len);
int getpeername(int fd, struct sockaddr *addr, socklen_t *len);

#ifdef __cplusplus
}
#endif

#endif
