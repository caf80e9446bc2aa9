/*
 * The waiter thread: it sleeps in lwip_poll() on the sockets someone waits
 * for, so the main thread never blocks inside lwIP and still hears at once
 * when a waiting request may finish or a select may be answered.
 *
 * The main thread owns the watch list (which lwIP sockets, for what) and
 * hands a new one over under the mutex, bumping the generation; the waiter
 * copies it, polls (with the waker socket as entry 0), and when something
 * became ready sets `fired` and notifies the main thread, then waits for
 * the next generation: the main thread makes one after it has dealt with
 * the event (event_fired), even when the list stays the same. A list that
 * changes while the waiter polls the old one makes the main thread send a
 * datagram to the waker (a UDP socket on the loopback interface), which
 * ends the poll. A poll that ends with nothing ready (the timeout, or a
 * wake whose datagram arrived only after the waiter had already left the
 * poll it was meant for) is simply done again: waiting for a generation
 * then could wait for ever, with nobody polling the sockets.
 *
 * Each poll lasts at most POLL_MS: should the server die, vm takes its
 * memory and the waiter, when it wakes, faults and is ended, instead of
 * sleeping on forever (pm ends only a process's first thread).
 *
 * Closing. lwIP must not close a socket while lwip_poll() holds it. A
 * socket closed while the waiter polls it is taken out of the list, the
 * waiter is woken, and the main thread waits (briefly: the wake is one
 * datagram on the loopback interface) until the waiter is out of
 * lwip_poll(); then lwip_close(). The close is thus done when vfs hears
 * of it: a listener's port is free at once for the next bind.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>

#include "net.h"
#include "shim.h"

#define MAX_WATCH (NR_NSOCKS + 1)
#define POLL_MS   5000 /* a bound on each poll, so a dead server's waiter ends too */

static struct lx_mutex mu;
static struct lx_cond cv;     /* a new generation for the waiter */
static struct lx_cond out_cv; /* the waiter came out of lwip_poll() */
/* under mu: */
static struct lx_pollfd watch[MAX_WATCH];
static int nwatch;
static uint32_t gen;
static bool polling;  /* the waiter is inside lwip_poll() with polled[] */
static uint32_t outs; /* times it came out */
static struct lx_pollfd polled[MAX_WATCH];
static int npolled;
/* the main thread's: */
static bool dirty = true;
static bool rearm; /* a new generation even for the same list */
static int wake_rx = -1, wake_tx = -1;
static uint32_t fired; /* atomic: the waiter saw a socket change */

static void *waiter(void *arg)
{
    struct lx_pollfd *fds = polled;
    uint32_t seen = 0;
    bool again = false;
    char junk[16];
    (void)arg;

    for (;;) {
        shim_pthread_mutex_lock(&mu);
        while (gen == seen && !again)
            shim_pthread_cond_wait(&cv, &mu);
        seen = gen;
        int n = npolled = nwatch;
        memcpy(fds, watch, (size_t)n * sizeof(fds[0]));
        polling = true;
        shim_pthread_mutex_unlock(&mu);

        lw.lwip_poll(fds, (unsigned long)n, POLL_MS);

        bool any = false;
        for (int i = 1; i < n; i++)
            any |= fds[i].revents != 0;
        again = !any; /* a timeout, or a wake that may be stale: poll on */
        while (fds[0].revents &&
               lw.lwip_recvfrom(wake_rx, junk, sizeof(junk), LX_MSG_DONTWAIT, NULL, NULL) > 0)
            ;
        shim_pthread_mutex_lock(&mu);
        polling = false;
        outs++;
        shim_pthread_cond_broadcast(&out_cv);
        shim_pthread_mutex_unlock(&mu);
        if (any) {
            __atomic_store_n(&fired, 1, __ATOMIC_RELEASE);
            net_kick();
        }
    }
    return NULL;
}

/* Two UDP sockets on the loopback interface: wake_tx sends to wake_rx. */
static void make_waker(void)
{
    struct lx_sockaddr_in a = { LX_AF_INET, 0, htonl(INADDR_LOOPBACK), { 0 } };
    uint32_t len = sizeof(a);

    wake_rx = lw.lwip_socket(LX_AF_INET, LX_SOCK_DGRAM, 0);
    wake_tx = lw.lwip_socket(LX_AF_INET, LX_SOCK_DGRAM, 0);
    if (wake_rx < 0 || wake_tx < 0 || lw.lwip_bind(wake_rx, &a, sizeof(a)) < 0 ||
        lw.lwip_getsockname(wake_rx, &a, &len) < 0 || lw.lwip_connect(wake_tx, &a, len) < 0)
        srv_panic("cannot make the waker sockets");
    lw.lwip_fcntl(wake_rx, 4 /* F_SETFL */, LX_O_NONBLOCK);
    lw.lwip_fcntl(wake_tx, 4 /* F_SETFL */, LX_O_NONBLOCK);
}

void event_start(void)
{
    lx_pthread_t t;

    make_waker();
    watch[0] = (struct lx_pollfd){ wake_rx, LX_POLLIN, 0 };
    nwatch = 1;
    if (shim_pthread_create(&t, NULL, waiter, NULL) != 0)
        srv_panic("cannot start the waiter thread");
}

void event_changed(void)
{
    dirty = true;
}

bool event_fired(void)
{
    if (!__atomic_exchange_n(&fired, 0, __ATOMIC_ACQ_REL))
        return false;
    rearm = dirty = true; /* the waiter waits for word that we have seen it */
    return true;
}

static bool same_list(const struct lx_pollfd *a, int na)
{
    if (na != nwatch)
        return false;
    for (int i = 0; i < na; i++)
        if (a[i].fd != watch[i].fd || a[i].events != watch[i].events)
            return false;
    return true;
}

/* Hand the waiter the sockets waited for, if that changed. */
void event_sync(void)
{
    static struct lx_pollfd next[MAX_WATCH];
    int n = 1;

    if (!dirty)
        return;
    dirty = false;
    next[0] = (struct lx_pollfd){ wake_rx, LX_POLLIN, 0 };
    for (int i = 0; i < nsocks_top; i++) {
        struct nsock *s = &nsocks[i];
        int ev = s->used ? sockio_wanted(s) : 0;
        if (ev)
            next[n++] = (struct lx_pollfd){ s->fd, (short)ev, 0 };
    }
    shim_pthread_mutex_lock(&mu);
    if (rearm || !same_list(next, n)) {
        rearm = false;
        memcpy(watch, next, (size_t)n * sizeof(next[0]));
        nwatch = n;
        gen++;
        if (polling)
            lw.lwip_send(wake_tx, "w", 1, LX_MSG_DONTWAIT);
        else
            shim_pthread_cond_signal(&cv);
    }
    shim_pthread_mutex_unlock(&mu);
}

void event_close(struct nsock *s)
{
    shim_pthread_mutex_lock(&mu);
    for (int i = 1; i < nwatch; i++) /* out of the waiter's next list */
        if (watch[i].fd == s->fd)
            watch[i].fd = -1;
    bool held = false;
    for (int i = 1; polling && i < npolled; i++)
        held |= polled[i].fd == s->fd;
    if (held) {
        uint32_t out = outs;
        lw.lwip_send(wake_tx, "w", 1, LX_MSG_DONTWAIT);
        while (outs == out)
            shim_pthread_cond_wait(&out_cv, &mu);
    }
    lw.lwip_close(s->fd);
    s->used = false;
    while (nsocks_top > 0 && !nsocks[nsocks_top - 1].used)
        nsocks_top--;
    shim_pthread_mutex_unlock(&mu);
    dirty = true;
}

/* Tell vfs when a socket a select waits on became ready. One event is
 * enough: vfs then asks every socket again. */
void event_notify_select(void)
{
    bool any = false;
    uint32_t first = 0;

    for (int i = 0; i < nsocks_top; i++) {
        struct nsock *s = &nsocks[i];
        if (!s->used || !s->select_ops)
            continue;
        if (!(sock_ready(s, s->select_ops) & (s->select_ops | SEL_ERR)))
            continue;
        if (!any)
            first = (uint32_t)i;
        any = true;
        s->select_ops = 0;
        dirty = true;
    }
    if (any) {
        message m;
        memset(&m, 0, sizeof(m));
        m.m_type = SOCK_EVENT;
        m.sock_reply.id = first;
        net_send_vfs(&m);
    }
}
