/*
 * ioctls. The argument travels through the request's grant, sized by the
 * request number (<sys/ioctl.h>). Changing the attributes with TCSETSW or
 * TCSETSF, TCDRAIN and TCSBRK wait in the write queue until the output
 * queued before them has gone out. The job-control calls accept a caller
 * only from the terminal's own session.
 */
#include <string.h>
#include "tty.h"

static int copy_in(const message *m, void *p, size_t n)
{
    return sys_safecopyfrom(m->m_source, m->cdev_req.grant, 0, p, n);
}

static int copy_out(const message *m, const void *p, size_t n)
{
    return sys_safecopyto(m->m_source, m->cdev_req.grant, 0, p, n);
}

static int copy_out_int(const message *m, int v)
{
    return copy_out(m, &v, sizeof(v));
}

void tty_flush_input(struct tty *tp)
{
    tp->in_head = tp->in_count = tp->in_committed = 0;
    tp->lnext = false;
}

void tty_flush_output(struct tty *tp)
{
    tp->out_head = tp->out_count = 0;
}

/* Input queued under the old mode, as the new mode sees it: leaving
 * canonical mode makes a partial line readable; entering it makes what
 * raw mode queued (each byte a "line" of its own) one line, as Linux does. */
static void requeue_input(struct tty *tp, bool was_canonical)
{
    bool canonical = tp->termios.c_lflag & ICANON;

    if (was_canonical && !canonical) {
        for (unsigned i = tp->in_committed; i < tp->in_count; i++)
            tp->in[(tp->in_head + i) % TTY_IN_SIZE] |= IN_EOT;
        tp->in_committed = tp->in_count;
    } else if (!was_canonical && canonical) {
        for (unsigned i = 0; i + 1 < tp->in_count; i++)
            tp->in[(tp->in_head + i) % TTY_IN_SIZE] &= ~IN_EOT;
    }
}

/* New attributes; turning IXON off restarts stopped output. The caller
 * serves the queues. */
void tty_set_termios(struct tty *tp, const struct termios *t)
{
    struct termios old = tp->termios;

    tp->termios = *t;
    requeue_input(tp, old.c_lflag & ICANON);
    if (!(t->c_iflag & IXON))
        tp->stopped = false;
    if ((old.c_cflag != t->c_cflag || old.c_ispeed != t->c_ispeed || old.c_ospeed != t->c_ospeed) &&
        tp->ops->configure)
        tp->ops->configure(tp);
}

/* Something changed what the waiting requests wait for. */
static void requeue(struct tty *tp)
{
    tp->ops->start(tp);
    tty_serve_reads(tp);
    tty_serve_writes(tp);
    tty_select_check(tp);
}

/* A drain request's action, once the output has gone (write.c). */
int tty_drain_done(struct tty *tp, struct req *q)
{
    switch (q->ioctl) {
    case TCSETSF:
        tty_flush_input(tp);
        /* fall through */
    case TCSETSW:
        tty_set_termios(tp, &q->termios);
        tty_serve_reads(tp);
        tty_select_check(tp);
        return 0;
    case TCSBRK:
        if (tp->ops->send_break)
            tp->ops->send_break(tp);
        return 0;
    default:
        return 0;
    }
}

static int drain_then(const message *m, struct tty *tp, unsigned long request,
                      const struct termios *t)
{
    struct req *q = req_new(m, REQ_DRAIN);

    if (!q)
        return -EAGAIN;
    q->ioctl = request;
    q->len = 0;
    if (t)
        q->termios = *t;
    return req_wait(&tp->writes, q, tty_serve_writes, tp);
}

static int set_attributes(const message *m, struct tty *tp, unsigned long request)
{
    struct termios t;
    int r = copy_in(m, &t, sizeof(t));

    if (r < 0)
        return r;
    if (request != TCSETS)
        return drain_then(m, tp, request, &t);
    tty_set_termios(tp, &t);
    requeue(tp);
    return 0;
}

static int flow(const message *m, struct tty *tp)
{
    int action, r = copy_in(m, &action, sizeof(action));

    if (r < 0)
        return r;
    switch (action) {
    case TCOOFF:
        tp->stopped = true;
        return 0;
    case TCOON:
        tp->stopped = false;
        break;
    case TCIOFF:
    case TCION: {
        char c = (char)tp->termios.c_cc[action == TCIOFF ? VSTOP : VSTART];
        out_raw(tp, &c, 1);
        break;
    }
    default:
        return -EINVAL;
    }
    requeue(tp);
    return 0;
}

static int flush(const message *m, struct tty *tp)
{
    int queue, r = copy_in(m, &queue, sizeof(queue));

    if (r < 0)
        return r;
    if (queue != TCIFLUSH && queue != TCOFLUSH && queue != TCIOFLUSH)
        return -EINVAL;
    if (queue != TCOFLUSH)
        tty_flush_input(tp);
    if (queue != TCIFLUSH)
        tty_flush_output(tp);
    requeue(tp);
    return 0;
}

static int set_winsize(const message *m, struct tty *tp)
{
    struct winsize ws;
    int r = copy_in(m, &ws, sizeof(ws));

    if (r < 0)
        return r;
    if (memcmp(&ws, &tp->winsize, sizeof(ws)) != 0) {
        tp->winsize = ws;
        tty_signal(tp, SIGWINCH);
    }
    return 0;
}

static bool is_ctty(const struct tty *tp, const struct cdev_req *c)
{
    return tp->session > 0 && c->sid == tp->session;
}

static int set_pgrp(const message *m, struct tty *tp)
{
    int pgrp, r = copy_in(m, &pgrp, sizeof(pgrp));

    if (r < 0)
        return r;
    if (!is_ctty(tp, &m->cdev_req))
        return -ENOTTY;
    if (pgrp <= 0)
        return -EINVAL;
    tp->pgrp = pgrp;
    requeue(tp); /* background requests may be foreground now */
    return 0;
}

/* The controlling terminal and the foreground group. */
static int job_control(const message *m, struct tty *tp, unsigned long request)
{
    const struct cdev_req *c = &m->cdev_req;

    switch (request) {
    case TIOCGPGRP:
        return is_ctty(tp, c) ? copy_out_int(m, tp->pgrp) : -ENOTTY;
    case TIOCSPGRP:
        return set_pgrp(m, tp);
    case TIOCGSID:
        return tp->session > 0 ? copy_out_int(m, tp->session) : -ENOTTY;
    case TIOCSCTTY:
        return tty_make_ctty(tp, c);
    case TIOCNOTTY:
        return tty_give_up_ctty(tp, c);
    default:
        return -ENOTTY;
    }
}

int do_ioctl(message *m)
{
    struct tty *tp = tty_find(m->cdev_req.minor, m->cdev_req.sid);
    unsigned long request = m->cdev_req.len;

    if (!tp)
        return -ENXIO;
    switch (request) {
    case TCGETS:
        return copy_out(m, &tp->termios, sizeof(tp->termios));
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
        return set_attributes(m, tp, request);
    case TCDRAIN:
    case TCSBRK:
        return drain_then(m, tp, request, NULL);
    case TCXONC:
        return flow(m, tp);
    case TCFLSH:
        return flush(m, tp);
    case TIOCGWINSZ:
        return copy_out(m, &tp->winsize, sizeof(tp->winsize));
    case TIOCSWINSZ:
        return set_winsize(m, tp);
    case TIOCOUTQ:
        return copy_out_int(m, (int)tp->out_count);
    case FIONREAD:
        return copy_out_int(m, (int)tty_readable(tp));
    case FIONBIO:
        return 0; /* vfs keeps O_NONBLOCK; requests carry CDEV_NONBLOCK */
    default:
        return job_control(m, tp, request);
    }
}
