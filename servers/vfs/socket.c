/*
 * Sockets. A socket is an open file whose vnode lives here (struct vsock)
 * and names the network server instance that holds the socket and the
 * socket's number there. Socket calls, and read, write and ioctl on socket
 * descriptors, become SOCK_* requests to that server (<ember/proto/sock.h>)
 * with magic grants over the caller's buffers, as device I/O does.
 *
 * A request that cannot finish now (connect, accept, send, receive on a
 * blocking socket) is answered EDONTREPLY by the server; the caller waits
 * suspended (SUSP_SOCK) until the server's SOCK_REPLY, a signal (which
 * sends SOCK_CANCEL), or the server's death. Each process waits for at
 * most one request, so the wait's details live in waits[] by process slot.
 *
 * The server's death (pm's VFS_PM_EXIT names its endpoint) ends every wait
 * on its sockets with ECONNRESET and marks the sockets dead: every later
 * call but close fails the same way, and select sees them ready with an
 * error. New sockets go to whatever server "net" names in ds by then.
 */
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <ember/proto/sock.h>
#include "vfs.h"

#define NR_VSOCKS      256
#define NR_ORPHANS     8
#define SOCK_MODE      (S_IFSOCK | 0777)
#define SOCK_TYPEFLAGS (SOCK_NONBLOCK | SOCK_CLOEXEC)

struct vsock {
    struct vnode vn; /* first: an open file's vp points here */
    bool used;
    bool dead;         /* its server instance died */
    endpoint_t server; /* the instance that holds it */
    uint32_t id;       /* its number there */
};

/* What a suspended process waits for. */
struct sock_wait {
    struct vsock *vs;
    uint32_t req;
    int call;               /* the VFS_* call to finish */
    grant_id_t grant, addr; /* to revoke when it ends */
    uint64_t lenp;          /* the caller's socklen_t for the real length, or 0 */
    int accept_flags;       /* VFS_ACCEPT: SOCK_NONBLOCK, SOCK_CLOEXEC */
};

/* An accept whose caller died after the server had answered: the socket
 * the answer brings must be closed. */
struct orphan {
    bool used;
    endpoint_t server;
    uint32_t req;
};

static struct vsock vsocks[NR_VSOCKS];
static struct sock_wait waits[NR_FPROCS];
static struct orphan orphans[NR_ORPHANS];
static endpoint_t net_ep = NONE; /* where new sockets go; NONE: ask ds */
static uint32_t next_req = 1;

static struct vsock *vsock_of(struct filp *filp)
{
    return filp && S_ISSOCK(filp->vp->mode) ? (struct vsock *)filp->vp : NULL;
}

static struct vsock *vsock_new(endpoint_t server, uint32_t id)
{
    for (int i = 0; i < NR_VSOCKS; i++) {
        struct vsock *vs = &vsocks[i];
        if (vs->used || vs->vn.refs)
            continue;
        memset(vs, 0, sizeof(*vs));
        vs->used = true;
        vs->server = server;
        vs->id = id;
        vs->vn.refs = 1;
        vs->vn.mode = SOCK_MODE;
        vs->vn.nlink = 1; /* vnode_put leaves it to us */
        vs->vn.uid = (uint32_t)fp->euid;
        vs->vn.gid = (uint32_t)fp->egid;
        return vs;
    }
    return NULL;
}

/* The open file and descriptor for a new socket; the vsock's reference
 * goes to the file. Returns the descriptor or an error (vs released). */
static int vsock_install(struct fproc *f, struct vsock *vs, int flags)
{
    int fd = fd_alloc(f, 0);
    struct filp *filp =
        fd < 0 ? NULL : filp_new(&vs->vn, O_RDWR | (flags & SOCK_NONBLOCK ? O_NONBLOCK : 0));

    if (!filp) {
        vs->used = false;
        vs->vn.refs = 0;
        return fd < 0 ? fd : -ENFILE;
    }
    return fd_install(f, filp, fd, flags & SOCK_CLOEXEC);
}

static endpoint_t net_server(void)
{
    uint64_t ep;

    if (net_ep == NONE && ds_lookup(SOCK_DS_KEY, &ep) == 0)
        net_ep = (endpoint_t)ep;
    return net_ep;
}

/* A call to a socket's server; a dead server makes the socket dead. */
static int sock_call(struct vsock *vs, message *m)
{
    if (vs->dead)
        return -ECONNRESET;
    int r = ipc_call(vs->server, m);
    if (r < 0) {
        vs->dead = true;
        if (vs->server == net_ep)
            net_ep = NONE;
        return -ECONNRESET;
    }
    return m->m_type;
}

static void sock_req_init(message *m, int call, struct vsock *vs)
{
    memset(m, 0, sizeof(*m));
    m->m_type = call;
    m->sock_req.id = vs->id;
    m->sock_req.grant = GRANT_INVALID;
    m->sock_req.addr = GRANT_INVALID;
    m->sock_req.user = fp ? fp->ep : NONE; /* none when pm's exit call closes it */
    m->sock_req.uid = fp ? fp->euid : -1;
}

/* A magic grant over len bytes at addr in the caller; GRANT_INVALID for
 * none (len 0), or an error. */
static int user_grant(struct vsock *vs, uint64_t addr, uint64_t len, int rights, grant_id_t *g)
{
    *g = GRANT_INVALID;
    if (!len)
        return 0;
    *g = grant_magic(vs->server, fp->ep, addr, len, rights);
    return *g == GRANT_INVALID ? -ENFILE : 0;
}

/* The room the caller's socklen_t at lenp gives. It must be writable too,
 * as finish() stores the real length there: a bad pointer fails the call
 * before anything happened. */
static int len_in(uint64_t lenp, uint32_t *room)
{
    socklen_t v;

    if (sys_vircopy(fp->ep, lenp, SELF, (uint64_t)&v, sizeof(v)) < 0 ||
        sys_vircopy(SELF, (uint64_t)&v, fp->ep, lenp, sizeof(v)) < 0)
        return -EFAULT;
    *room = v;
    return 0;
}

/* Store a real length in f's socklen_t at lenp (0: none). It can only
 * fail if f unmapped it since len_in() checked it. */
static int len_out(struct fproc *f, uint64_t lenp, uint64_t len)
{
    socklen_t v = (socklen_t)len;

    if (lenp && sys_vircopy(SELF, (uint64_t)&v, f->ep, lenp, sizeof(v)) < 0)
        return -EFAULT;
    return 0;
}

/* The room for an address the caller wants back: it gives addr and lenp
 * both, or neither counts (the call goes on without an address). */
static int addr_room(struct vfs_sock *s, uint32_t *room)
{
    *room = 0;
    if (!s->addr || !s->lenp) {
        s->addr = s->lenp = 0;
        return 0;
    }
    return len_in(s->lenp, room);
}

/* Finish a call the server answered (now or late): the result for the
 * caller, with the extra fields of its reply message filled in and the
 * real length stored in its socklen_t. */
static int finish(struct fproc *f, message *user, const struct sock_wait *w, int result,
                  const struct sock_reply *rep)
{
    grant_revoke(w->grant);
    grant_revoke(w->addr);
    if (result < 0)
        return result;
    switch (w->call) {
    case VFS_ACCEPT: {
        struct vsock *nvs = vsock_new(w->vs->server, (uint32_t)result);
        int fd = nvs ? vsock_install(f, nvs, w->accept_flags) : -ENFILE;
        if (fd < 0) {
            message m;
            struct vsock tmp = { .server = w->vs->server, .id = (uint32_t)result };
            sock_req_init(&m, SOCK_CLOSE, &tmp);
            sock_call(&tmp, &m);
            return fd;
        }
        user->vfs_sock.addrlen = rep->addrlen;
        len_out(f, w->lenp, rep->addrlen); /* the socket is the caller's even so */
        return fd;
    }
    case VFS_RECVFROM:
        user->vfs_sock.addrlen = rep->addrlen;
        user->vfs_sock.flags = rep->flags;
        return len_out(f, w->lenp, rep->addrlen) < 0 ? -EFAULT : result;
    case VFS_GETSOCKNAME:
    case VFS_GETPEERNAME:
        user->vfs_sock.addrlen = rep->addrlen;
        return len_out(f, w->lenp, rep->addrlen);
    case VFS_GETSOCKOPT:
        user->vfs_sock.len = rep->len;
        return len_out(f, w->lenp, rep->len);
    default:
        return result;
    }
}

/* Send a request; finish it now, or suspend the caller for the late answer. */
static int sock_request(struct vsock *vs, message *req, message *user, struct sock_wait *w)
{
    w->vs = vs;
    w->req = next_req++;
    req->sock_req.req = w->req;
    int r = sock_call(vs, req);
    if (r != EDONTREPLY)
        return finish(fp, user, w, r, &req->sock_reply);
    suspend(fp, SUSP_SOCK, user);
    waits[EP_SLOT(fp->ep)] = *w;
    return EDONTREPLY;
}

/* The socket a descriptor names: -EBADF, -ENOTSOCK, or 0. */
static int sock_fd(int fd, struct vsock **vs, struct filp **filp)
{
    struct filp *f = filp_get(fp, fd);

    if (!f)
        return -EBADF;
    if (!(*vs = vsock_of(f)))
        return -ENOTSOCK;
    if (filp)
        *filp = f;
    return 0;
}

static int nonblock(struct filp *filp, int flags)
{
    return (filp->flags & O_NONBLOCK) ? (flags | MSG_DONTWAIT) : flags;
}

int do_socket(message *m)
{
    struct vfs_sock *s = &m->vfs_sock;
    message req;

    if (fd_alloc(fp, 0) < 0)
        return -EMFILE;
    for (int tries = 0; tries < 2; tries++) {
        endpoint_t ep = net_server();
        if (ep == NONE)
            return -ENETDOWN;
        struct vsock probe = { .server = ep };
        sock_req_init(&req, SOCK_CREATE, &probe);
        req.sock_req.arg = s->arg;
        req.sock_req.arg2 = s->arg2 & ~SOCK_TYPEFLAGS;
        req.sock_req.arg3 = s->arg3;
        int r = sock_call(&probe, &req);
        if (r == -ECONNRESET)
            continue; /* a dead instance: ask ds again */
        if (r < 0)
            return r;
        struct vsock *vs = vsock_new(ep, (uint32_t)r);
        int fd = vs ? vsock_install(fp, vs, s->arg2) : -ENFILE;
        if (fd < 0) {
            sock_req_init(&req, SOCK_CLOSE, &probe);
            probe.id = (uint32_t)r;
            req.sock_req.id = (uint32_t)r;
            sock_call(&probe, &req);
        }
        return fd;
    }
    return -ENETDOWN;
}

/* bind, connect: the address goes by grant. */
static int addr_call(message *m, int call)
{
    struct vfs_sock *s = &m->vfs_sock;
    struct vsock *vs;
    struct filp *filp;
    struct sock_wait w = { 0 };
    message req;
    int r = sock_fd(s->fd, &vs, &filp);

    if (r < 0)
        return r;
    if (s->addrlen == 0 || s->addrlen > sizeof(struct sockaddr_storage))
        return -EINVAL;
    if ((r = user_grant(vs, s->addr, s->addrlen, GRANT_READ, &w.grant)) < 0)
        return r;
    w.addr = GRANT_INVALID;
    w.call = m->m_type;
    sock_req_init(&req, call, vs);
    req.sock_req.grant = w.grant;
    req.sock_req.addrlen = s->addrlen;
    req.sock_req.flags = nonblock(filp, 0);
    return sock_request(vs, &req, m, &w);
}

int do_bind(message *m)
{
    return addr_call(m, SOCK_BIND);
}

int do_connect(message *m)
{
    return addr_call(m, SOCK_CONNECT);
}

int do_listen(message *m)
{
    struct vsock *vs;
    message req;
    int r = sock_fd(m->vfs_sock.fd, &vs, NULL);

    if (r < 0)
        return r;
    sock_req_init(&req, SOCK_LISTEN, vs);
    req.sock_req.arg = m->vfs_sock.arg;
    return sock_call(vs, &req);
}

int do_shutdown(message *m)
{
    struct vsock *vs;
    message req;
    int r = sock_fd(m->vfs_sock.fd, &vs, NULL);

    if (r < 0)
        return r;
    sock_req_init(&req, SOCK_SHUTDOWN, vs);
    req.sock_req.arg = m->vfs_sock.arg;
    return sock_call(vs, &req);
}

int do_accept(message *m)
{
    struct vfs_sock *s = &m->vfs_sock;
    struct vsock *vs;
    struct filp *filp;
    struct sock_wait w = { 0 };
    message req;
    uint32_t room;
    int r = sock_fd(s->fd, &vs, &filp);

    if (r < 0)
        return r;
    if (s->arg & ~SOCK_TYPEFLAGS)
        return -EINVAL;
    if (fd_alloc(fp, 0) < 0)
        return -EMFILE;
    if ((r = addr_room(s, &room)) < 0)
        return r;
    if ((r = user_grant(vs, s->addr, room, GRANT_WRITE, &w.addr)) < 0)
        return r;
    w.grant = GRANT_INVALID;
    w.lenp = s->lenp;
    w.call = VFS_ACCEPT;
    w.accept_flags = s->arg;
    sock_req_init(&req, SOCK_ACCEPT, vs);
    req.sock_req.addr = w.addr;
    req.sock_req.addrlen = w.addr == GRANT_INVALID ? 0 : room;
    req.sock_req.flags = nonblock(filp, 0);
    return sock_request(vs, &req, m, &w);
}

/* send and receive, for the socket calls and for read and write. */
static int transfer(message *m, struct vsock *vs, struct filp *filp, bool sending, uint64_t buf,
                    uint64_t len, int flags, uint64_t addr, uint32_t addrlen)
{
    struct sock_wait w = { 0 };
    message req;
    int r;

    if (len > (1ull << 30))
        len = 1ull << 30;
    if (addrlen > sizeof(struct sockaddr_storage))
        addrlen = sending ? addrlen : sizeof(struct sockaddr_storage);
    if ((r = user_grant(vs, buf, len, sending ? GRANT_READ : GRANT_WRITE, &w.grant)) < 0)
        return r;
    if ((r = user_grant(vs, addr, addr ? addrlen : 0, sending ? GRANT_READ : GRANT_WRITE,
                        &w.addr)) < 0) {
        grant_revoke(w.grant);
        return r;
    }
    w.call = m->m_type;
    w.lenp = m->m_type == VFS_RECVFROM ? m->vfs_sock.lenp : 0;
    sock_req_init(&req, sending ? SOCK_SEND : SOCK_RECV, vs);
    req.sock_req.grant = w.grant;
    req.sock_req.len = len;
    req.sock_req.addr = w.addr;
    req.sock_req.addrlen = w.addr == GRANT_INVALID ? 0 : addrlen;
    req.sock_req.flags = nonblock(filp, flags);
    return sock_request(vs, &req, m, &w);
}

static int sendrecv(message *m, bool sending)
{
    struct vfs_sock *s = &m->vfs_sock;
    struct vsock *vs;
    struct filp *filp;
    uint32_t addrlen = s->addrlen;
    int r = sock_fd(s->fd, &vs, &filp);

    if (r < 0)
        return r;
    if (!sending && (r = addr_room(s, &addrlen)) < 0)
        return r;
    return transfer(m, vs, filp, sending, s->buf, s->len, s->flags, s->addr, addrlen);
}

int do_sendto(message *m)
{
    return sendrecv(m, true);
}

int do_recvfrom(message *m)
{
    return sendrecv(m, false);
}

/* getsockopt, setsockopt: the value goes by grant. */
static int opt_call(message *m, bool set)
{
    struct vfs_sock *s = &m->vfs_sock;
    struct vsock *vs;
    struct sock_wait w = { 0 };
    message req;
    int r = sock_fd(s->fd, &vs, NULL);

    if (r < 0)
        return r;
    if (!set) {
        uint32_t room;
        if (!s->lenp || (r = len_in(s->lenp, &room)) < 0)
            return -EFAULT;
        s->len = room;
        w.lenp = s->lenp;
    }
    if (s->len > 4096)
        return -EINVAL;
    if ((r = user_grant(vs, s->buf, s->len, set ? GRANT_READ : GRANT_WRITE, &w.grant)) < 0)
        return r;
    w.addr = GRANT_INVALID;
    w.call = m->m_type;
    sock_req_init(&req, set ? SOCK_SETOPT : SOCK_GETOPT, vs);
    req.sock_req.grant = w.grant;
    req.sock_req.len = s->len;
    req.sock_req.arg = s->arg;
    req.sock_req.arg2 = s->arg2;
    return sock_request(vs, &req, m, &w);
}

int do_getsockopt(message *m)
{
    return opt_call(m, false);
}

int do_setsockopt(message *m)
{
    return opt_call(m, true);
}

static int name_call(message *m, int which)
{
    struct vfs_sock *s = &m->vfs_sock;
    struct vsock *vs;
    struct sock_wait w = { 0 };
    message req;
    uint32_t room;
    int r = sock_fd(s->fd, &vs, NULL);

    if (r < 0)
        return r;
    if (!s->lenp || (r = len_in(s->lenp, &room)) < 0)
        return -EFAULT;
    if ((r = user_grant(vs, s->addr, s->addr ? room : 0, GRANT_WRITE, &w.addr)) < 0)
        return r;
    w.grant = GRANT_INVALID;
    w.lenp = s->lenp;
    w.call = m->m_type;
    sock_req_init(&req, SOCK_GETNAME, vs);
    req.sock_req.addr = w.addr;
    req.sock_req.addrlen = w.addr == GRANT_INVALID ? 0 : room;
    req.sock_req.arg = which;
    return sock_request(vs, &req, m, &w);
}

int do_getsockname(message *m)
{
    return name_call(m, SOCK_NAME_OWN);
}

int do_getpeername(message *m)
{
    return name_call(m, SOCK_NAME_PEER);
}

/* read and write on a socket descriptor: receive and send without flags. */
int do_sock_read(message *m)
{
    struct filp *filp = filp_get(fp, m->vfs_io.fd);
    struct vsock *vs = vsock_of(filp);

    if (!vs)
        return do_read(m);
    if (m->vfs_io.flags & VFS_AT_OFF)
        return -ESPIPE;
    return transfer(m, vs, filp, false, m->vfs_io.buf, m->vfs_io.len, 0, 0, 0);
}

int do_sock_write(message *m)
{
    struct filp *filp = filp_get(fp, m->vfs_io.fd);
    struct vsock *vs = vsock_of(filp);

    if (!vs)
        return do_write(m);
    if (m->vfs_io.flags & VFS_AT_OFF)
        return -ESPIPE;
    return transfer(m, vs, filp, true, m->vfs_io.buf, m->vfs_io.len, MSG_NOSIGNAL, 0, 0);
}

int do_sock_lseek(message *m)
{
    return vsock_of(filp_get(fp, m->vfs_seek.fd)) ? -ESPIPE : do_lseek(m);
}

/* ioctl on a socket: FIONBIO is the open file's, the rest the server's
 * (the request's encoding gives its argument's size and direction). */
int do_sock_ioctl(message *m)
{
    struct filp *filp = filp_get(fp, m->vfs_fd.fd);
    struct vsock *vs = vsock_of(filp);
    unsigned long request = (unsigned long)m->vfs_fd.arg;
    struct sock_wait w = { 0 };
    message req;
    int on, r;

    if (!vs)
        return do_ioctl(m);
    if (request == FIONBIO) {
        if (sys_vircopy(fp->ep, m->vfs_fd.buf, SELF, (uint64_t)&on, sizeof(on)) < 0)
            return -EFAULT;
        filp->flags = on ? filp->flags | O_NONBLOCK : filp->flags & ~O_NONBLOCK;
        return 0;
    }
    unsigned dir = _IOC_DIR(request), size = _IOC_SIZE(request);
    int rights = (dir & _IOC_WRITE ? GRANT_READ : 0) | (dir & _IOC_READ ? GRANT_WRITE : 0);
    if ((r = user_grant(vs, m->vfs_fd.buf, dir ? size : 0, rights, &w.grant)) < 0)
        return r;
    w.addr = GRANT_INVALID;
    w.call = VFS_IOCTL;
    sock_req_init(&req, SOCK_IOCTL, vs);
    req.sock_req.grant = w.grant;
    req.sock_req.len = request;
    return sock_request(vs, &req, m, &w);
}

/* select and poll: what is ready now (a dead socket is, with an error). */
int sock_select(struct filp *filp, int ops, bool notify)
{
    struct vsock *vs = vsock_of(filp);
    message req;

    sock_req_init(&req, SOCK_SELECT, vs);
    req.sock_req.arg = ops | (notify ? SEL_NOTIFY : 0);
    int r = sock_call(vs, &req);
    return r < 0 ? SEL_ERR : r;
}

/* The last reference to an open socket went. */
void sock_close(struct filp *filp)
{
    struct vsock *vs = vsock_of(filp);
    message req;

    if (!vs->dead) {
        sock_req_init(&req, SOCK_CLOSE, vs);
        sock_call(vs, &req);
    }
    vs->used = false;
}

static void forget_orphan_accept(endpoint_t server, const struct sock_reply *rep)
{
    for (int i = 0; i < NR_ORPHANS; i++) {
        struct orphan *o = &orphans[i];
        if (!o->used || o->server != server || o->req != rep->req)
            continue;
        o->used = false;
        if (rep->result >= 0) {
            struct vsock tmp = { .server = server, .id = (uint32_t)rep->result };
            message m;
            memset(&m, 0, sizeof(m));
            m.m_type = SOCK_CLOSE;
            m.sock_req.id = tmp.id;
            sock_call(&tmp, &m);
        }
    }
}

/* A late answer, or a select event, from a network server. */
void sock_async(message *m)
{
    const struct sock_reply *rep = &m->sock_reply;

    if (m->m_type == SOCK_EVENT) {
        select_recheck();
        return;
    }
    FOR_EACH_WAITER(f)
    {
        struct sock_wait *w = &waits[EP_SLOT(f->ep)];
        if (f->susp.kind != SUSP_SOCK || w->vs->server != m->m_source || w->req != rep->req)
            continue;
        struct fproc *caller = fp;
        fp = f; /* finish() works for f */
        int r = finish(f, &f->susp.req, w, rep->result, rep);
        fp = caller;
        resume_reply(f, r);
        return;
    }
    forget_orphan_accept(m->m_source, rep);
}

/* End f's socket wait (a signal, or f's exit): the server answers what it
 * has done so far, -EINTR, or -ENOENT when its answer is on the way (then
 * a signal keeps f waiting for it; an exit remembers an accept's socket to
 * close). Returns the result for f, or -ENOENT. */
int sock_cancel(struct fproc *f, bool exiting)
{
    struct sock_wait *w = &waits[EP_SLOT(f->ep)];
    message req;

    if (f->susp.kind != SUSP_SOCK)
        return -EINTR;
    memset(&req, 0, sizeof(req));
    req.m_type = SOCK_CANCEL;
    req.sock_req.id = w->vs->id;
    req.sock_req.req = w->req;
    int r = sock_call(w->vs, &req);
    if (r == -ENOENT && !exiting)
        return -ENOENT;
    if (r == -ENOENT && w->call == VFS_ACCEPT)
        for (int i = 0; i < NR_ORPHANS; i++)
            if (!orphans[i].used) {
                orphans[i] = (struct orphan){ true, w->vs->server, w->req };
                break;
            }
    grant_revoke(w->grant);
    grant_revoke(w->addr);
    susp_end(f);
    if (r == -ENOENT || r == -ECONNRESET)
        r = -EINTR;
    return r == 0 && w->call == VFS_ACCEPT ? -EINTR : r;
}

/* VFS_PM_UNPAUSE: a signal for a process waiting on a socket ends the
 * wait here; other waits are suspend.c's. */
int do_sock_unpause(message *m)
{
    struct fproc *f = fproc_get(m->vfs_pm.ep);

    if (m->m_source != PM_EP || !f || f->susp.kind != SUSP_SOCK)
        return do_pm_unpause(m);
    int r = sock_cancel(f, false);
    if (r == -ENOENT)
        return 0; /* the answer is on its way: it ends the wait */
    resume_reply(f, r);
    return 1;
}

/* A process ended: if it was a network server, its sockets died with it. */
void sock_server_exit(endpoint_t ep)
{
    bool any = false;

    for (int i = 0; i < NR_VSOCKS; i++)
        if (vsocks[i].used && vsocks[i].server == ep && !vsocks[i].dead)
            vsocks[i].dead = any = true;
    if (ep == net_ep)
        net_ep = NONE;
    for (int i = 0; i < NR_ORPHANS; i++)
        if (orphans[i].server == ep)
            orphans[i].used = false;
    if (!any)
        return;
    FOR_EACH_WAITER(f)
    {
        struct sock_wait *w = &waits[EP_SLOT(f->ep)];
        if (f->susp.kind != SUSP_SOCK || w->vs->server != ep)
            continue;
        grant_revoke(w->grant);
        grant_revoke(w->addr);
        resume_reply(f, -ECONNRESET);
    }
    select_recheck();
}
