/*
 * The socket table and the socket calls that always answer at once. A
 * socket id is an index into nsocks[]; behind each is an lwIP socket,
 * always in non-blocking mode: the main thread never waits inside lwIP.
 * Calls that may have to wait (connect, accept, send, receive) are
 * sockio.c's. Ember's numbers become lwIP's (abi.c) here and nowhere else.
 *
 * Only vfs calls this (main.c checks), on behalf of the user and uid it
 * names; raw sockets are root's. Data, addresses and option values move
 * through vfs's magic grants over the user's memory: copies from and to
 * (VFS_EP, grant).
 */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <net/route.h>
#include <net/sockinfo.h>

#include "net.h"
#include "shim.h"

#define LX_F_GETFL 3
#define LX_F_SETFL 4

struct nsock nsocks[NR_NSOCKS];
int nsocks_top;

struct nsock *sock_get(uint32_t id)
{
    return id < NR_NSOCKS && nsocks[id].used ? &nsocks[id] : NULL;
}

/* A table entry for lwIP socket fd, made non-blocking. */
int sock_adopt(int fd, int family, int type, int protocol)
{
    for (int i = 0; i < NR_NSOCKS; i++) {
        struct nsock *s = &nsocks[i];
        if (s->used)
            continue;
        memset(s, 0, sizeof(*s));
        s->used = true;
        s->fd = fd;
        s->family = family;
        s->type = type;
        s->protocol = protocol;
        if (i >= nsocks_top)
            nsocks_top = i + 1;
        lw.lwip_fcntl(fd, LX_F_SETFL, LX_O_NONBLOCK);
        return i;
    }
    lw.lwip_close(fd);
    return -ENFILE;
}

void sock_release(struct nsock *s)
{
    sockio_drop(s, -EBADF);
    sockio_unhold(s);
    s->select_ops = 0;
    event_close(s); /* clears used once lwIP has it closed */
}

/* The protocols lwIP has for a type (it would take any number and
 * quietly use its own). */
static bool protocol_fits(int type, int protocol)
{
    switch (type) {
    case SOCK_STREAM:
        return protocol == 0 || protocol == IPPROTO_TCP;
    case SOCK_DGRAM:
        return protocol == 0 || protocol == IPPROTO_UDP || protocol == IPPROTO_UDPLITE;
    default:
        return protocol >= 0 && protocol <= 255;
    }
}

static int do_create(message *m)
{
    struct sock_req *q = &m->sock_req;
    int family = abi_family_to_lwip(q->arg), type = abi_socktype_to_lwip(q->arg2);

    if (family < 0 || q->arg == AF_UNSPEC)
        return -EAFNOSUPPORT;
    if (type < 0)
        return -EPROTOTYPE;
    if (!protocol_fits(q->arg2, q->arg3))
        return -EPROTONOSUPPORT;
    if (q->arg2 == SOCK_RAW && q->uid != 0)
        return -EACCES;
    int fd = lw.lwip_socket(family, type, q->arg3);
    if (fd < 0)
        return lw_error();
    return sock_adopt(fd, q->arg, q->arg2, q->arg3);
}

/* A socket address from the caller's grant, in lwIP's layout: its length,
 * or -errno. */
int sock_addr_in(grant_id_t g, uint32_t len, union lx_sockaddr *out)
{
    union emb_sockaddr in;

    if (len < 2 || len > sizeof(struct sockaddr_storage))
        return -EINVAL;
    memset(&in, 0, sizeof(in));
    if (sys_safecopyfrom(VFS_EP, g, 0, &in, len < sizeof(in) ? len : sizeof(in)) < 0)
        return -EFAULT;
    return abi_sockaddr_to_lwip(&in, len, out);
}

/* An lwIP address to the caller's grant (cut to room): Ember's length. */
int sock_addr_out(const union lx_sockaddr *lx, uint32_t lxlen, grant_id_t g, uint32_t room)
{
    union emb_sockaddr out;
    int len = abi_sockaddr_from_lwip(lx, lxlen, &out);

    if (len < 0)
        return len;
    if (g != GRANT_INVALID && room &&
        sys_safecopyto(VFS_EP, g, 0, &out, room < (uint32_t)len ? room : (uint32_t)len) < 0)
        return -EFAULT;
    return len;
}

static int do_bind(struct nsock *s, message *m)
{
    union lx_sockaddr a;
    int len = sock_addr_in(m->sock_req.grant, m->sock_req.addrlen, &a);

    if (len < 0)
        return len;
    return lw.lwip_bind(s->fd, &a, (uint32_t)len) < 0 ? lw_error() : 0;
}

static int do_listen(struct nsock *s, message *m)
{
    int backlog = m->sock_req.arg;

    if (s->type != SOCK_STREAM)
        return -EOPNOTSUPP;
    if (backlog < 1 || backlog > 255)
        backlog = backlog < 1 ? 1 : 255; /* lwIP counts in a byte */
    if (lw.lwip_listen(s->fd, backlog) < 0)
        return lw_error();
    s->listening = true;
    return 0;
}

static int do_getname(struct nsock *s, message *m)
{
    union lx_sockaddr a;
    uint32_t len = sizeof(a);
    int r = m->sock_req.arg == SOCK_NAME_PEER ? lw.lwip_getpeername(s->fd, &a, &len)
                                              : lw.lwip_getsockname(s->fd, &a, &len);

    if (r < 0)
        return lw_error();
    r = sock_addr_out(&a, len, m->sock_req.addr, m->sock_req.addrlen); /* before the answer */
    if (r < 0)
        return r;
    m->sock_reply.addrlen = (uint32_t)r;
    return 0;
}

static int do_shutdown(struct nsock *s, message *m)
{
    int how = m->sock_req.arg;

    if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
        return -EINVAL;
    if (lw.lwip_shutdown(s->fd, how) < 0)
        return lw_error();
    sockio_retry(); /* waiting receives may end now */
    return 0;
}

/* Options the server keeps itself: timeouts (its waits are its own),
 * the type, and buffer sizes lwIP does not offer. 1: handled. */
static int own_option(struct nsock *s, int level, int name, bool set, void *val, uint32_t *len,
                      int *result)
{
    struct timeval tv;
    int v;

    if (level != SOL_SOCKET)
        return 0;
    if (name == SO_RCVTIMEO || name == SO_SNDTIMEO) {
        uint64_t *t = name == SO_RCVTIMEO ? &s->rcvtimeo : &s->sndtimeo;
        if (set) {
            memcpy(&tv, val, sizeof(tv));
            if (*len < sizeof(tv) || tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
                *result = -EINVAL;
            else
                *t = (uint64_t)tv.tv_sec * 1000000000ull + (uint64_t)tv.tv_usec * 1000;
        } else {
            tv.tv_sec = (time_t)(*t / 1000000000ull);
            tv.tv_usec = (suseconds_t)(*t % 1000000000ull / 1000);
            memcpy(val, &tv, sizeof(tv));
            *len = sizeof(tv);
        }
        return 1;
    }
    if (name == SO_TYPE && !set) {
        memcpy(val, &s->type, sizeof(int));
        *len = sizeof(int);
        return 1;
    }
    if (name == SO_SNDBUF || (name == SO_RCVBUF && s->type == SOCK_STREAM)) {
        v = 65535; /* lwIP's windows are fixed at build time */
        if (!set)
            memcpy(val, &v, sizeof(v)), *len = sizeof(v);
        return 1;
    }
    return 0;
}

/* getsockopt and setsockopt, translated by abi.c's table. */
static int do_option(struct nsock *s, message *m, bool set)
{
    struct sock_req req = m->sock_req, *q = &req; /* the answer overwrites the request */
    uint8_t val[64];
    uint32_t len = q->len < sizeof(val) ? (uint32_t)q->len : sizeof(val);
    struct abi_sockopt o;
    int result = 0;

    memset(val, 0, sizeof(val));
    if (set && len && sys_safecopyfrom(VFS_EP, q->grant, 0, val, len) < 0)
        return -EFAULT;
    if (!own_option(s, q->arg, q->arg2, set, val, &len, &result)) {
        if ((result = abi_sockopt_to_lwip(q->arg, q->arg2, &o)) < 0)
            return result;
        if (set && o.kind == ABI_OPT_BYTE && len >= sizeof(int))
            len = 1; /* an int is accepted for a byte option; its low byte counts */
        if (set && len < o.size)
            return -EINVAL;
        uint32_t l = set ? (uint32_t)o.size : sizeof(val);
        int r = set ? lw.lwip_setsockopt(s->fd, o.level, o.name, val, l)
                    : lw.lwip_getsockopt(s->fd, o.level, o.name, val, &l);
        if (r < 0)
            return lw_error();
        if (!set && (o.kind == ABI_OPT_ERRNO || o.kind == ABI_OPT_SOCKTYPE)) {
            int v;
            memcpy(&v, val, sizeof(v));
            v = abi_optint_from_lwip(o.kind, v);
            memcpy(val, &v, sizeof(v));
        }
        len = l;
    }
    if (result < 0 || set)
        return result;
    m->sock_reply.len = len;
    if (len > q->len)
        len = (uint32_t)q->len;
    return len && sys_safecopyto(VFS_EP, q->grant, 0, val, len) < 0 ? -EFAULT : 0;
}

/* ioctl: FIONREAD is the socket's, the rest manage the stack. The
 * argument moves through a buffer as big as the request says. */
static int do_ioctl(struct nsock *s, message *m)
{
    static uint8_t arg[_IOC_SIZEMAX + 1];
    unsigned long request = (unsigned long)m->sock_req.len;
    unsigned size = _IOC_SIZE(request), dir = _IOC_DIR(request);
    int r;

    if (dir && size && m->sock_req.grant == GRANT_INVALID)
        return -EFAULT;
    memset(arg, 0, size);
    if ((dir & _IOC_WRITE) && size && sys_safecopyfrom(VFS_EP, m->sock_req.grant, 0, arg, size) < 0)
        return -EFAULT;
    if (request == FIONREAD) {
        int n = 0;
        r = lw.lwip_ioctl(s->fd, abi_ioctl_to_lwip(FIONREAD), &n) < 0 ? lw_error() : 0;
        n += (int)sockio_held(s);
        memcpy(arg, &n, sizeof(n));
    } else {
        r = iface_ioctl(request, arg, m->sock_req.uid == 0);
    }
    if (r >= 0 && (dir & _IOC_READ) && size &&
        sys_safecopyto(VFS_EP, m->sock_req.grant, 0, arg, size) < 0)
        return -EFAULT;
    return r;
}

/* The SEL_* operations ready on s now. */
int sock_ready(struct nsock *s, int ops)
{
    struct lx_pollfd p = { s->fd, LX_POLLIN | LX_POLLOUT, 0 };

    if (lw.lwip_poll(&p, 1, 0) < 0)
        return SEL_ERR;
    int ready = (p.revents & (LX_POLLIN | LX_POLLHUP) ? SEL_RD : 0) |
                (p.revents & LX_POLLOUT ? SEL_WR : 0) |
                (p.revents & (LX_POLLERR | LX_POLLNVAL) ? SEL_ERR : 0);
    if (sockio_held(s))
        ready |= SEL_RD;
    if (ready & SEL_ERR)
        ready |= ops & (SEL_RD | SEL_WR); /* the next call will tell the error */
    return ready & (ops | SEL_ERR);
}

static int do_select(struct nsock *s, message *m)
{
    int want = m->sock_req.arg & (SEL_RD | SEL_WR | SEL_ERR);
    int ready = sock_ready(s, want);

    if ((m->sock_req.arg & SEL_NOTIFY) && (want & ~ready & (SEL_RD | SEL_WR))) {
        s->select_ops |= want & ~ready;
        event_changed();
    }
    return ready;
}

static int do_close(struct nsock *s)
{
    sock_release(s);
    return 0;
}

int sock_dispatch(message *m)
{
    if (m->m_type == SOCK_CREATE)
        return do_create(m);
    struct nsock *s = sock_get(m->sock_req.id);
    if (!s)
        return m->m_type == SOCK_CANCEL ? -ENOENT : -EBADF;
    int type = m->m_type;
    switch (type) {
    case SOCK_CLOSE:
        return do_close(s);
    case SOCK_BIND:
        return do_bind(s, m);
    case SOCK_LISTEN:
        return do_listen(s, m);
    case SOCK_GETNAME:
        return do_getname(s, m);
    case SOCK_SHUTDOWN:
        return do_shutdown(s, m);
    case SOCK_GETOPT:
    case SOCK_SETOPT:
        return do_option(s, m, type == SOCK_SETOPT);
    case SOCK_IOCTL:
        return do_ioctl(s, m);
    case SOCK_SELECT:
        return do_select(s, m);
    case SOCK_CANCEL:
        return sockio_cancel(s, m->sock_req.req);
    case SOCK_CONNECT:
    case SOCK_ACCEPT:
    case SOCK_SEND:
    case SOCK_RECV:
        return sockio_start(s, m);
    default:
        return -ENOSYS;
    }
}

/* netstat's view: every socket, its addresses and what it holds. */
int sock_list(void *arg)
{
    struct sock_list *l = arg;

    memset(l, 0, sizeof(*l));
    for (int i = 0; i < nsocks_top; i++) {
        struct nsock *s = &nsocks[i];
        if (!s->used)
            continue;
        l->count++;
        if (l->listed == SOCK_LIST_MAX)
            continue;
        struct sock_info *in = &l->sock[l->listed++];
        union lx_sockaddr a;
        uint32_t len = sizeof(a);
        in->id = (uint32_t)i;
        in->family = (uint8_t)s->family;
        in->type = (uint8_t)s->type;
        in->protocol = (uint8_t)s->protocol;
        if (lw.lwip_getsockname(s->fd, &a, &len) == 0)
            abi_sockaddr_from_lwip(&a, len, (union emb_sockaddr *)&in->local);
        len = sizeof(a);
        bool peer = lw.lwip_getpeername(s->fd, &a, &len) == 0;
        if (peer)
            abi_sockaddr_from_lwip(&a, len, (union emb_sockaddr *)&in->remote);
        int n = 0;
        lw.lwip_ioctl(s->fd, abi_ioctl_to_lwip(FIONREAD), &n);
        in->rx_queued = n > 0 ? (uint32_t)n : 0;
        in->state = s->listening             ? SOCKINFO_LISTEN
                    : s->type != SOCK_STREAM ? SOCKINFO_BOUND
                    : s->connecting          ? SOCKINFO_CONNECTING
                    : peer                   ? SOCKINFO_CONNECTED
                                             : SOCKINFO_CLOSED;
    }
    return 0;
}
