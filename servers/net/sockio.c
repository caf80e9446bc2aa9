/*
 * connect, accept, send and receive: the calls that may have to wait.
 *
 * Each is tried at once with lwIP in non-blocking mode. If it cannot finish
 * and the caller may wait, it becomes a pending request (struct pend) on
 * its socket's FIFO, vfs gets EDONTREPLY, and the request is tried again
 * whenever the waiter thread sees one of the waited-for sockets change
 * (event.c), until it finishes (SOCK_REPLY to vfs), its deadline passes
 * (SO_RCVTIMEO, SO_SNDTIMEO), vfs cancels it (a signal), or the socket
 * goes. Requests on one socket finish in order: only the oldest of each
 * direction is tried.
 *
 * Data moves between the caller's grant and lwIP through net_bounce, in
 * pieces of at most BOUNCE_SIZE: a stream send takes as many pieces as
 * lwIP accepts, a stream receive as many as lwIP has; a datagram is one
 * piece, whole.
 *
 * A stream receive takes bytes out of lwIP before it copies them to the
 * caller; if that copy fails (a bad buffer: EFAULT), the bytes are held on
 * the socket and the next receive gets them first, so a bad pointer costs
 * the caller an error, never a piece of the stream.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "net.h"

struct pend {
    bool used;
    int op; /* SOCK_CONNECT, SOCK_ACCEPT, SOCK_SEND, SOCK_RECV */
    struct nsock *sock;
    uint32_t req;
    grant_id_t grant, addr;
    uint64_t len, done;
    uint32_t addrlen;
    int flags;         /* Ember's MSG_* */
    uint64_t deadline; /* 0: none */
    struct pend *next;
};

static struct pend pends[NR_PENDS];

static bool is_read_op(int op)
{
    return op == SOCK_RECV || op == SOCK_ACCEPT;
}

/* lwIP's flags for a call: never blocking. */
static int lx_flags(int flags)
{
    int f = abi_msgflags_to_lwip(flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL | MSG_WAITALL));

    return f < 0 ? f : f | LX_MSG_DONTWAIT;
}

uint32_t sockio_held(const struct nsock *s)
{
    return s->held ? s->held_len - s->held_off : 0;
}

void sockio_unhold(struct nsock *s)
{
    free(s->held);
    s->held = NULL;
    s->held_len = s->held_off = 0;
}

/* Keep n bytes of net_bounce that could not be delivered. Without the
 * memory for them they are lost, as the stream's end would be. */
static void hold(struct nsock *s, size_t n)
{
    s->held = malloc(n);
    if (!s->held) {
        printf("net: no memory to hold %zu received bytes; they are lost\n", n);
        return;
    }
    memcpy(s->held, net_bounce, n);
    s->held_len = (uint32_t)n;
    s->held_off = 0;
}

/* Give a receive the held bytes first; -EFAULT keeps them held. */
static int recv_held(struct pend *p)
{
    struct nsock *s = p->sock;
    uint64_t n = sockio_held(s) < p->len - p->done ? sockio_held(s) : p->len - p->done;

    if (sys_safecopyto(VFS_EP, p->grant, p->done, s->held + s->held_off, (size_t)n) < 0)
        return -EFAULT;
    p->done += n;
    if (!(p->flags & MSG_PEEK)) {
        s->held_off += (uint32_t)n;
        if (!sockio_held(s))
            sockio_unhold(s);
    }
    return 0;
}

/* Whether data may still come on a stream that has none now: it is
 * connected or connecting. lwIP would make a receive on any other stream
 * (new, listening) wait for ever. */
static bool stream_may_receive(const struct nsock *s)
{
    union lx_sockaddr peer;
    uint32_t len = sizeof(peer);

    return s->connecting || lw.lwip_getpeername(s->fd, &peer, &len) == 0;
}

/* Receive on a stream: as much as lwIP holds, up to the request's length
 * (all of it with MSG_WAITALL). Returns bytes, or -EAGAIN with p->done
 * kept, or an error. */
static int recv_stream(struct pend *p, message *reply)
{
    int f = lx_flags(p->flags);

    (void)reply;
    if (f < 0)
        return f;
    if (sockio_held(p->sock) && p->done < p->len) {
        if (recv_held(p) < 0)
            return p->done ? (int)p->done : -EFAULT;
        if (p->done == p->len || (p->flags & MSG_PEEK) || sockio_held(p->sock))
            return (int)p->done;
    }
    if (p->sock->rd_eof)
        return (int)p->done; /* lwIP says the end once; later it says ENOTCONN */
    while (p->done < p->len) {
        size_t want = p->len - p->done < BOUNCE_SIZE ? p->len - p->done : BOUNCE_SIZE;
        long n = lw.lwip_recvfrom(p->sock->fd, net_bounce, want, f, NULL, NULL);
        if (n < 0) {
            int e = lw_error();
            if (e != -EAGAIN)
                return p->done ? (int)p->done : e;
            if (p->done && !(p->flags & MSG_WAITALL))
                return (int)p->done;
            if (!p->done && !stream_may_receive(p->sock))
                return -ENOTCONN;
            return -EAGAIN;
        }
        if (n == 0) {
            p->sock->rd_eof = !(p->flags & MSG_PEEK);
            return (int)p->done; /* the end of the stream */
        }
        if (sys_safecopyto(VFS_EP, p->grant, p->done, net_bounce, (size_t)n) < 0) {
            if (!(p->flags & MSG_PEEK))
                hold(p->sock, (size_t)n);
            return p->done ? (int)p->done : -EFAULT;
        }
        p->done += (uint64_t)n;
        if (p->flags & MSG_PEEK)
            break;
    }
    return (int)p->done;
}

/* Receive one datagram, cut to the request's length (MSG_TRUNC says so). */
static int recv_dgram(struct pend *p, message *reply)
{
    union lx_sockaddr from;
    uint32_t fromlen = sizeof(from);
    int f = lx_flags(p->flags);

    if (f < 0)
        return f;
    long n = lw.lwip_recvfrom(p->sock->fd, net_bounce, BOUNCE_SIZE, f, &from, &fromlen);
    if (n < 0)
        return lw_error();
    size_t give = (uint64_t)n < p->len ? (size_t)n : (size_t)p->len;
    if (give && sys_safecopyto(VFS_EP, p->grant, 0, net_bounce, give) < 0)
        return -EFAULT;
    if ((uint64_t)n > p->len)
        reply->sock_reply.flags |= MSG_TRUNC;
    if (p->addr != GRANT_INVALID || p->addrlen) {
        int alen = sock_addr_out(&from, fromlen, p->addr, p->addrlen);
        reply->sock_reply.addrlen = alen > 0 ? (uint32_t)alen : 0;
    }
    return (int)give;
}

/* Send on a stream: piece by piece while lwIP takes them. The pieces are
 * smaller than net_bounce: lwIP takes what fits its send buffer, and the
 * rest of a piece is copied again on the next try, so a big piece would
 * copy most bytes twice. */
#define SEND_PIECE (16u << 10)
_Static_assert(SEND_PIECE <= BOUNCE_SIZE, "a piece fits the bounce buffer");

static int send_stream(struct pend *p)
{
    int f = lx_flags(p->flags);

    if (f < 0)
        return f;
    while (p->done < p->len) {
        size_t piece = p->len - p->done < SEND_PIECE ? p->len - p->done : SEND_PIECE;
        if (sys_safecopyfrom(VFS_EP, p->grant, p->done, net_bounce, piece) < 0)
            return p->done ? (int)p->done : -EFAULT;
        long n = lw.lwip_send(p->sock->fd, net_bounce, piece, f);
        if (n < 0) {
            int e = lw_error();
            if (e != -EAGAIN)
                return p->done ? (int)p->done : e;
            return -EAGAIN;
        }
        p->done += (uint64_t)n;
        if ((size_t)n < piece)
            return -EAGAIN; /* lwIP is full: the rest later */
    }
    return (int)p->done;
}

static int send_dgram(struct pend *p)
{
    union lx_sockaddr to;
    int tolen = 0, f = lx_flags(p->flags);

    if (f < 0)
        return f;
    if (p->len > BOUNCE_SIZE)
        return -EMSGSIZE;
    if (p->addr != GRANT_INVALID && (tolen = sock_addr_in(p->addr, p->addrlen, &to)) < 0)
        return tolen;
    if (p->len && sys_safecopyfrom(VFS_EP, p->grant, 0, net_bounce, (size_t)p->len) < 0)
        return -EFAULT;
    long n = tolen
                 ? lw.lwip_sendto(p->sock->fd, net_bounce, (size_t)p->len, f, &to, (uint32_t)tolen)
                 : lw.lwip_send(p->sock->fd, net_bounce, (size_t)p->len, f);
    return n < 0 ? lw_error() : (int)n;
}

static int try_accept(struct pend *p, message *reply)
{
    union lx_sockaddr from;
    uint32_t fromlen = sizeof(from);
    struct nsock *s = p->sock;

    if (!s->listening)
        return -EINVAL;
    int fd = lw.lwip_accept(s->fd, &from, &fromlen);
    if (fd < 0)
        return lw_error();
    int id = sock_adopt(fd, s->family, s->type, s->protocol);
    if (id < 0)
        return id;
    int alen = sock_addr_out(&from, fromlen, p->addr, p->addrlen);
    reply->sock_reply.addrlen = alen > 0 ? (uint32_t)alen : 0;
    return id;
}

/* connect: started once; then finished when lwIP says the socket is
 * writable (connected) or in error (SO_ERROR tells which). */
static int try_connect(struct pend *p)
{
    struct nsock *s = p->sock;
    int err = 0;
    uint32_t len = sizeof(err);

    if (!s->connecting) {
        union lx_sockaddr to;
        int tolen = sock_addr_in(p->grant, p->addrlen, &to);
        if (tolen < 0)
            return tolen;
        if (lw.lwip_connect(s->fd, &to, (uint32_t)tolen) == 0)
            return 0;
        int e = lw_error();
        if (e != -EINPROGRESS)
            return e;
        s->connecting = true;
        return -EINPROGRESS;
    }
    int ready = sock_ready(s, SEL_WR);
    if (!ready)
        return -EINPROGRESS;
    s->connecting = false;
    if (lw.lwip_getsockopt(s->fd, 1 /* SOL_SOCKET */, 4 /* SO_ERROR */, &err, &len) < 0)
        return lw_error();
    int r = -abi_errno_from_lwip(err);
    return r == -ECONNRESET ? -ECONNREFUSED : r; /* lwIP's name for a reset answering a SYN */
}

/* One attempt; -EAGAIN (or -EINPROGRESS for connect) means not yet. */
static int attempt(struct pend *p, message *reply)
{
    bool stream = p->sock->type == SOCK_STREAM;

    switch (p->op) {
    case SOCK_CONNECT:
        return try_connect(p);
    case SOCK_ACCEPT:
        return try_accept(p, reply);
    case SOCK_SEND:
        return stream ? send_stream(p) : send_dgram(p);
    default:
        return stream ? recv_stream(p, reply) : recv_dgram(p, reply);
    }
}

static bool not_yet(const struct pend *p, int r)
{
    return r == -EAGAIN || (p->op == SOCK_CONNECT && r == -EINPROGRESS);
}

static struct pend *pend_new(void)
{
    for (int i = 0; i < NR_PENDS; i++)
        if (!pends[i].used) {
            memset(&pends[i], 0, sizeof(pends[i]));
            pends[i].used = true;
            return &pends[i];
        }
    return NULL;
}

static void unlink_pend(struct pend *p)
{
    for (struct pend **pp = &p->sock->pending; *pp; pp = &(*pp)->next)
        if (*pp == p) {
            *pp = p->next;
            break;
        }
    p->used = false;
}

/* Whether an older request of the same direction waits on the socket. */
static bool queued_behind(const struct nsock *s, const struct pend *p)
{
    for (const struct pend *q = s->pending; q && q != p; q = q->next)
        if (is_read_op(q->op) == is_read_op(p->op))
            return true;
    return false;
}

static void finish(struct pend *p, int result, const message *answer)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = SOCK_REPLY;
    if (answer)
        m.sock_reply = answer->sock_reply;
    m.sock_reply.req = p->req;
    m.sock_reply.result = result;
    unlink_pend(p);
    net_send_vfs(&m);
    event_changed();
}

int sockio_start(struct nsock *s, message *m)
{
    struct sock_req *q = &m->sock_req;
    struct pend tmp = { .used = true,
                        .op = m->m_type,
                        .sock = s,
                        .req = q->req,
                        .grant = q->grant,
                        .addr = q->addr,
                        .len = q->len,
                        .addrlen = q->addrlen,
                        .flags = q->flags };
    bool behind = queued_behind(s, &tmp);

    if (m->m_type == SOCK_CONNECT && s->connecting && (q->flags & MSG_DONTWAIT)) {
        int r = try_connect(&tmp); /* a connection under way: done yet? */
        return r == -EINPROGRESS ? -EALREADY : r;
    }
    memset(&m->sock_reply, 0, sizeof(m->sock_reply));
    int r = behind ? -EAGAIN : attempt(&tmp, m);
    if (!not_yet(&tmp, r))
        return r;
    if (q->flags & MSG_DONTWAIT) {
        if (tmp.done)
            return (int)tmp.done; /* a partial send */
        return r;
    }
    struct pend *p = pend_new();
    if (!p)
        return -ENOBUFS;
    *p = tmp;
    uint64_t t = is_read_op(p->op) ? s->rcvtimeo : s->sndtimeo;
    p->deadline = t ? net_now() + t : 0;
    struct pend **pp = &s->pending;
    while (*pp)
        pp = &(*pp)->next;
    *pp = p;
    if (p->deadline)
        net_timers_changed();
    event_changed();
    return EDONTREPLY;
}

/* Try every waiting request at the head of its direction. */
void sockio_retry(void)
{
    message reply;

    for (int i = 0; i < nsocks_top; i++) {
        struct nsock *s = &nsocks[i];
        if (!s->used)
            continue;
        for (struct pend *p = s->pending, *next; p; p = next) {
            next = p->next;
            if (queued_behind(s, p))
                continue;
            memset(&reply, 0, sizeof(reply));
            int r = attempt(p, &reply);
            if (!not_yet(p, r)) {
                finish(p, r, &reply);
                next = s->pending; /* the next of its direction may go now */
            }
        }
    }
    event_notify_select();
}

/* vfs gives up a request (a signal): what it did so far, or EINTR. */
int sockio_cancel(struct nsock *s, uint32_t req)
{
    for (struct pend *p = s->pending; p; p = p->next) {
        if (p->req != req)
            continue;
        int r = p->done ? (int)p->done : -EINTR;
        unlink_pend(p);
        return r;
    }
    return -ENOENT; /* answered already: the answer is on its way */
}

uint64_t sockio_timeouts(uint64_t now)
{
    uint64_t next = 0;

    for (int i = 0; i < NR_PENDS; i++) {
        struct pend *p = &pends[i];
        if (!p->used || !p->deadline)
            continue;
        if (p->deadline <= now) {
            int r = p->done ? (int)p->done : p->op == SOCK_CONNECT ? -ETIMEDOUT : -EAGAIN;
            if (p->op == SOCK_CONNECT)
                p->sock->connecting = false;
            finish(p, r, NULL);
        } else if (!next || p->deadline < next) {
            next = p->deadline;
        }
    }
    return next;
}

/* The socket goes: its waiting requests end with result. */
void sockio_drop(struct nsock *s, int result)
{
    while (s->pending)
        finish(s->pending, s->pending->done ? (int)s->pending->done : result, NULL);
}

/* What the waiter should watch for on s (lwIP's poll bits). */
int sockio_wanted(const struct nsock *s)
{
    int ev = 0;

    for (const struct pend *p = s->pending; p; p = p->next)
        ev |= is_read_op(p->op) ? LX_POLLIN : LX_POLLOUT;
    if (s->select_ops & SEL_RD)
        ev |= LX_POLLIN;
    if (s->select_ops & SEL_WR)
        ev |= LX_POLLOUT;
    return ev;
}
