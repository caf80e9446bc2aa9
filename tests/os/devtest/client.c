/*
 * Requests as vfs makes them: a grant over the buffer with the rights the
 * call needs, the caller's identity, an id for late replies. And waiting
 * for what the drivers send later (late replies, select events, ds's
 * notifications), with a timeout on the kernel alarm; messages that arrive
 * while waiting for another are kept for the next wait.
 */
#include "devtest.h"

#define BACKLOG 16

static uint32_t next_id = 1;
static message backlog[BACKLOG];
static int nbacklog;

uint64_t now_ms(void)
{
    uint64_t uptime = 0;

    sys_time(&uptime, NULL, NULL);
    return uptime / 1000000;
}

void sleep_ms(unsigned ms)
{
    uint64_t deadline = now_ms() + ms;
    message m;

    while (now_ms() < deadline) {
        sys_setalarm((deadline - now_ms() + 1) * 1000000, 1, NULL);
        ipc_receive(CLOCK, &m);
    }
}

void prompt(const char *what)
{
    printf("devtest: type %s\n", what);
    fflush(stdout);
}

int raw_call(endpoint_t ep, message *m)
{
    int r = ipc_call(ep, m);

    return r < 0 ? r : m->m_type;
}

static void fill(message *m, int call, int minor, int flags)
{
    memset(m, 0, sizeof(*m));
    m->m_type = call;
    m->cdev_req.minor = minor;
    m->cdev_req.flags = flags;
    m->cdev_req.grant = GRANT_INVALID;
    m->cdev_req.user = srv_self;
    m->cdev_req.pid = me.pid;
    m->cdev_req.pgrp = me.pgrp;
    m->cdev_req.sid = me.sid;
}

int cdev_open(endpoint_t ep, int minor, int flags)
{
    message m;

    fill(&m, CDEV_OPEN, minor, flags | CDEV_R | CDEV_W);
    return raw_call(ep, &m);
}

int cdev_close(endpoint_t ep, int minor)
{
    message m;

    fill(&m, CDEV_CLOSE, minor, 0);
    return raw_call(ep, &m);
}

/* A request with the grant given; EDONTREPLY leaves it waiting under id. */
static int request(endpoint_t ep, message *m, grant_id_t g, struct pending *p)
{
    uint32_t id = next_id++;

    m->cdev_req.grant = g;
    m->cdev_req.id = id;
    int r = raw_call(ep, m);
    if (r == EDONTREPLY && p) {
        p->id = id;
        p->grant = g;
    } else if (g != GRANT_INVALID) {
        grant_revoke(g);
    }
    return r;
}

int cdev_io(endpoint_t ep, int call, int minor, void *buf, size_t len, int flags, struct pending *p)
{
    message m;
    int rights = call == CDEV_READ ? GRANT_WRITE : GRANT_READ;
    grant_id_t g = len ? grant_direct(ep, buf, len, rights) : GRANT_INVALID;

    fill(&m, call, minor, flags);
    m.cdev_req.len = len;
    return request(ep, &m, g, p);
}

/* A read or write through a grant the caller made (good or bad); it stays. */
int cdev_io_grant(endpoint_t ep, int call, int minor, grant_id_t g, size_t len, int flags)
{
    message m;

    fill(&m, call, minor, flags);
    m.cdev_req.len = len;
    m.cdev_req.grant = g;
    m.cdev_req.id = next_id++;
    return raw_call(ep, &m);
}

int cdev_ioctl(endpoint_t ep, int minor, unsigned long request_nr, void *arg, struct pending *p)
{
    message m;
    unsigned dir = _IOC_DIR(request_nr), size = _IOC_SIZE(request_nr);
    int rights = (dir & _IOC_WRITE ? GRANT_READ : 0) | (dir & _IOC_READ ? GRANT_WRITE : 0);
    grant_id_t g = size && dir ? grant_direct(ep, arg, size, rights) : GRANT_INVALID;

    fill(&m, CDEV_IOCTL, minor, 0);
    m.cdev_req.len = request_nr;
    m.cdev_req.pos = (uint64_t)arg;
    return request(ep, &m, g, p);
}

int cdev_select(endpoint_t ep, int minor, int ops)
{
    message m;

    fill(&m, CDEV_SELECT, minor, ops);
    return raw_call(ep, &m);
}

int cdev_cancel(endpoint_t ep, int minor, uint32_t id)
{
    message m;

    fill(&m, CDEV_CANCEL, minor, 0);
    m.cdev_req.id = id;
    return raw_call(ep, &m);
}

int bdev(endpoint_t ep, int call, int minor, uint64_t pos, void *buf, size_t len, uint64_t *size)
{
    message m;
    grant_id_t g = GRANT_INVALID;

    if (buf)
        g = grant_direct(ep, buf, len, call == BDEV_READ ? GRANT_WRITE : GRANT_READ);
    memset(&m, 0, sizeof(m));
    m.m_type = call;
    m.bdev_req.minor = minor;
    m.bdev_req.pos = pos;
    m.bdev_req.len = len;
    m.bdev_req.grant = g;
    int r = raw_call(ep, &m);
    if (size)
        *size = m.bdev_req.pos;
    if (g != GRANT_INVALID)
        grant_revoke(g);
    return r;
}

struct match {
    endpoint_t from;
    int type;
    bool by_id;
    uint32_t id;
};

static bool matches(const message *m, const struct match *w)
{
    return m->m_source == w->from && m->m_type == w->type &&
           (!w->by_id || m->vfs_dev_reply.id == w->id);
}

/* The next message w describes, from the backlog or within the timeout. */
static bool wait_for(const struct match *w, int timeout_ms, message *out)
{
    for (int i = 0; i < nbacklog; i++) {
        if (matches(&backlog[i], w)) {
            *out = backlog[i];
            memmove(&backlog[i], &backlog[i + 1], (size_t)(nbacklog - i - 1) * sizeof(message));
            nbacklog--;
            return true;
        }
    }
    uint64_t deadline = now_ms() + (uint64_t)timeout_ms;
    sys_setalarm((uint64_t)timeout_ms * 1000000, 1, NULL);
    for (;;) {
        message m;
        if (ipc_receive(ANY, &m) < 0)
            continue;
        if (m.m_source == CLOCK && is_notify(&m)) {
            uint64_t now = now_ms();
            if (now >= deadline)
                return false;
            sys_setalarm((deadline - now) * 1000000, 1, NULL);
        } else if (matches(&m, w)) {
            sys_setalarm(0, 0, NULL);
            *out = m;
            return true;
        } else if (nbacklog < BACKLOG) {
            backlog[nbacklog++] = m;
        } else {
            printf("devtest: message %d from %d dropped\n", m.m_type, m.m_source);
        }
    }
}

/* A late reply's result (and its grant revoked), or -ETIMEDOUT. */
int wait_reply(endpoint_t from, struct pending *p, int timeout_ms)
{
    struct match w = { from, VFS_DEV_REPLY, true, p->id };
    message m;
    bool got = wait_for(&w, timeout_ms, &m);

    if (p->grant != GRANT_INVALID)
        grant_revoke(p->grant);
    p->grant = GRANT_INVALID;
    return got ? m.vfs_dev_reply.result : -ETIMEDOUT;
}

/* A select event's ready operations (and its minor), or -ETIMEDOUT. */
int wait_select(endpoint_t from, int *minor, int timeout_ms)
{
    struct match w = { from, VFS_DEV_SELECT, false, 0 };
    message m;

    if (!wait_for(&w, timeout_ms, &m))
        return -ETIMEDOUT;
    *minor = m.vfs_dev_reply.minor;
    return (int)m.vfs_dev_reply.ops;
}

bool wait_notify(endpoint_t from, int timeout_ms)
{
    struct match w = { from, NOTIFY_MESSAGE, false, 0 };
    message m;

    return wait_for(&w, timeout_ms, &m);
}

static struct termios original;
static bool have_original;

/* Canonical or raw input (echo only in canonical mode), with VMIN and VTIME. */
int tty_set_mode(int minor, bool canonical, int vmin, int vtime)
{
    struct termios t;
    int r = cdev_ioctl(tty_ep, minor, TCGETS, &t, NULL);

    if (r < 0)
        return r;
    if (!have_original) {
        original = t;
        have_original = true;
    }
    if (canonical)
        t.c_lflag |= ICANON | ECHO;
    else
        t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    t.c_cc[VMIN] = (cc_t)vmin;
    t.c_cc[VTIME] = (cc_t)vtime;
    return cdev_ioctl(tty_ep, minor, TCSETS, &t, NULL);
}

/* Back to the attributes the terminal had before the first change. */
int tty_restore(int minor)
{
    if (!have_original)
        return 0;
    return cdev_ioctl(tty_ep, minor, TCSETS, &original, NULL);
}
