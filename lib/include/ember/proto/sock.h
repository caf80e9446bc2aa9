/*
 * Sockets. Two protocols meet here, both defined once in this file:
 *
 *   libc -> vfs   VFS_SOCKET ... VFS_GETPEERNAME (struct vfs_sock): a
 *                 process's socket calls. vfs gives every socket a file
 *                 descriptor, so read, write, close, dup, fork, fcntl,
 *                 ioctl, select and poll work on it as on any file.
 *   vfs -> net    SOCK_* (struct sock_req): vfs forwards each socket call
 *                 to the network server that holds the socket, with magic
 *                 grants over the caller's buffers, so data moves once,
 *                 between the process and the server.
 *
 * Numbers (address families, socket types, MSG_* flags, option levels and
 * names, socket addresses) are <sys/socket.h>'s and <netinet/in.h>'s.
 *
 * Late answers. The network server answers every request at once, except
 * CONNECT, ACCEPT, SEND and RECV on a blocking socket that cannot finish
 * now: those it answers EDONTREPLY and finishes later with an asynchronous
 * SOCK_REPLY to vfs carrying the request's number (req). vfs keeps the
 * caller suspended meanwhile; a signal makes vfs send SOCK_CANCEL, which the
 * server answers with the result so far (bytes already moved), -EINTR, or
 * -ENOENT when its SOCK_REPLY is already on the way. A request with
 * MSG_DONTWAIT in its flags never waits (vfs adds it for O_NONBLOCK files).
 *
 * select and poll. SOCK_SELECT answers the ready operations (SEL_* of
 * <ember/proto/dev.h>) at once; with SEL_NOTIFY the server also remembers
 * the wanted ones and sends vfs one SOCK_EVENT when any of them becomes
 * ready, after which vfs asks again. An error or a hang-up is SEL_ERR.
 *
 * The server's death. The server publishes its endpoint in ds under
 * "net.sockets" (SOCK_DS_KEY) once it is ready (not its label, which rs
 * publishes as soon as it starts it); vfs sends new sockets there. A socket belongs to the
 * server instance that created it: when that instance dies (pm tells vfs),
 * every waiting call on its sockets ends with ECONNRESET and every later
 * call but close fails the same way; select and poll see SEL_ERR. A new
 * instance serves new sockets only.
 */
#ifndef EMBER_PROTO_SOCK_H
#define EMBER_PROTO_SOCK_H

#include <ember/proto/common.h>
#include <ember/proto/dev.h>

/* Calls from libc to vfs. vfs keeps VFS_BASE + 0x30 .. + 0x3f for them. */
enum vfs_sock_call {
    VFS_SOCKET = VFS_BASE + 0x30, /* arg domain, arg2 type | SOCK_NONBLOCK | SOCK_CLOEXEC,
                                     arg3 protocol -> fd */
    VFS_BIND,                     /* fd, addr, addrlen */
    VFS_CONNECT,                  /* fd, addr, addrlen */
    VFS_LISTEN,                   /* fd, arg backlog */
    VFS_ACCEPT,                   /* fd, addr, lenp, arg SOCK_NONBLOCK | SOCK_CLOEXEC -> fd */
    VFS_SENDTO,                   /* fd, buf, len, flags, addr, addrlen (0: none) -> bytes */
    VFS_RECVFROM,                 /* fd, buf, len, flags, addr, lenp -> bytes */
    VFS_SHUTDOWN,                 /* fd, arg how (SHUT_*) */
    VFS_GETSOCKOPT,               /* fd, arg level, arg2 name, buf, lenp -> 0 */
    VFS_SETSOCKOPT,               /* fd, arg level, arg2 name, buf, len */
    VFS_GETSOCKNAME,              /* fd, addr, lenp -> 0 */
    VFS_GETPEERNAME,              /* fd, addr, lenp -> 0 */
};

/* The calls that give a length back (ACCEPT, RECVFROM, GETSOCKOPT,
 * GETSOCKNAME, GETPEERNAME) name the caller's socklen_t in lenp, as the
 * POSIX call does: vfs reads the room from it and stores the real length
 * there (the address's, which may exceed the room: the address was cut;
 * or the option value's), so a bad pointer is EFAULT, not a fault in
 * libc. lenp 0 means no address (not for GETSOCKOPT). The reply carries
 * the real length in addrlen or len too, and MSG_TRUNC or MSG_CTRUNC in
 * flags (RECVFROM). */
struct vfs_sock {
    int32_t fd;
    int32_t flags; /* MSG_* */
    uint64_t buf;  /* data or option value in the caller */
    uint64_t len;
    uint64_t addr;    /* socket address in the caller, or 0 */
    uint32_t addrlen; /* its length (BIND, CONNECT, SENDTO) */
    int32_t arg, arg2, arg3;
    uint64_t lenp; /* the caller's socklen_t for the length, or 0 */
};

#define SOCK_DS_KEY "net.sockets" /* where the network server says it is ready */

/* Calls from vfs to the network server. */
enum sock_call {
    SOCK_CREATE = SOCK_BASE + 1, /* arg domain, arg2 type, arg3 protocol -> socket id */
    SOCK_CLOSE,                  /* id */
    SOCK_BIND,                   /* id, grant (the address), addrlen */
    SOCK_CONNECT,                /* id, grant (the address), addrlen, flags; may answer late */
    SOCK_LISTEN,                 /* id, arg backlog */
    SOCK_ACCEPT,                 /* id, addr, addrlen, flags -> new id; may answer late */
    SOCK_SEND,     /* id, grant, len, flags, addr, addrlen -> bytes; may answer late */
    SOCK_RECV,     /* id, grant, len, flags, addr, addrlen -> bytes; may answer late */
    SOCK_SHUTDOWN, /* id, arg how */
    SOCK_GETOPT,   /* id, arg level, arg2 name, grant, len -> 0 */
    SOCK_SETOPT,   /* id, arg level, arg2 name, grant, len */
    SOCK_GETNAME,  /* id, addr, addrlen, arg (SOCK_NAME_*) -> 0 */
    SOCK_IOCTL,    /* id, len (the request), grant (its argument) -> result */
    SOCK_SELECT,   /* id, arg SEL_* wanted (| SEL_NOTIFY) -> SEL_* ready */
    SOCK_CANCEL,   /* id, req -> the result so far, -EINTR or -ENOENT */

    /* from the network server to vfs, asynchronously */
    SOCK_REPLY = SOCK_BASE + 0x40, /* struct sock_reply: the late answer to req */
    SOCK_EVENT,                    /* struct sock_reply (id): a select condition changed */
};

#define SOCK_NAME_OWN  0
#define SOCK_NAME_PEER 1

struct sock_req {
    uint32_t id;      /* the socket, as the server numbered it */
    uint32_t req;     /* vfs's number for this request (late answers, CANCEL) */
    grant_id_t grant; /* data, option value, ioctl argument; BIND, CONNECT: the address */
    grant_id_t addr;  /* ACCEPT, SEND, RECV, GETNAME: the peer's or own address */
    uint64_t len;     /* grant's length; IOCTL: the request */
    uint32_t addrlen; /* the address's length, or the room for it */
    int32_t flags;    /* MSG_* */
    int32_t arg, arg2, arg3;
    endpoint_t user; /* on whose behalf */
    int32_t uid;     /* its effective user id (raw sockets are root's) */
};

/* Answers. At once: the result in m_type, the rest here. Late (SOCK_REPLY):
 * all of it here. */
struct sock_reply {
    uint32_t req;     /* SOCK_REPLY: the request answered */
    int32_t result;   /* SOCK_REPLY: its result */
    uint32_t id;      /* ACCEPT: the new socket; SOCK_EVENT: the socket */
    uint32_t addrlen; /* the address's real length */
    int32_t flags;    /* RECV: MSG_TRUNC, MSG_CTRUNC */
    uint32_t len;     /* GETOPT: the option's length */
};

_Static_assert(sizeof(struct vfs_sock) <= 56, "struct vfs_sock fits a message");
_Static_assert(sizeof(struct sock_req) <= 56, "struct sock_req fits a message");
_Static_assert(sizeof(struct sock_reply) <= 56, "struct sock_reply fits a message");

#define SOCK_LAYOUTS                                                                               \
    struct vfs_sock vfs_sock;                                                                      \
    struct sock_req sock_req;                                                                      \
    struct sock_reply sock_reply;

#endif
