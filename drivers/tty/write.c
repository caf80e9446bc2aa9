/*
 * Writing, and the ioctls that wait for the output to drain. A write moves
 * its bytes through output processing into the output queue as fast as
 * the device empties it; when the queue is full it waits for the device's
 * interrupt. With TOSTOP, a write from a background process group sends
 * SIGTTOU to the group and waits until it is in the foreground.
 */
#include "tty.h"

#define CHUNK 256

/* Move more of q into the output queue; true when it is finished. */
static bool write_progress(struct tty *tp, struct req *q, int *result)
{
    uint8_t buf[CHUNK];

    while (q->done < q->len) {
        if (out_room(tp) < OUT_MAX_EXPAND) {
            tp->ops->start(tp);
            if (out_room(tp) < OUT_MAX_EXPAND)
                return false;
        }
        size_t n = q->len - q->done < CHUNK ? q->len - q->done : CHUNK;
        int r = sys_safecopyfrom(q->caller, q->grant, q->done, buf, n);
        if (r < 0) {
            *result = q->done > 0 ? (int)q->done : r;
            return true;
        }
        q->done += out_process(tp, buf, n);
        tp->ops->start(tp);
    }
    *result = (int)q->done;
    return true;
}

/* A drain finishes once the queue is empty and the device idle. */
static bool drain_progress(struct tty *tp, struct req *q, int *result)
{
    if (tp->out_count > 0 || !tp->ops->idle(tp)) {
        tp->ops->start(tp);
        if (tp->out_count > 0 || !tp->ops->idle(tp))
            return false;
    }
    *result = tty_drain_done(tp, q);
    return true;
}

static bool held_back(const struct tty *tp, const struct req *q)
{
    return q->kind == REQ_WRITE && (tp->termios.c_lflag & TOSTOP) &&
           tty_is_background(tp, q->pgrp, q->sid);
}

void tty_serve_writes(struct tty *tp)
{
    for (struct req *q = tp->writes, *next; q; q = next) {
        next = q->next;
        if (held_back(tp, q))
            continue;
        int result = 0;
        bool done =
            q->kind == REQ_DRAIN ? drain_progress(tp, q, &result) : write_progress(tp, q, &result);
        if (!done)
            break;
        req_unlink(&tp->writes, q);
        req_finish(q, result);
    }
}

/* The device sent some output: room for waiting writers and selectors. */
void tty_output_done(struct tty *tp)
{
    tty_serve_writes(tp);
    tty_select_check(tp);
}

int do_write(message *m)
{
    struct tty *tp = tty_find(m->cdev_req.minor, m->cdev_req.sid);

    if (!tp)
        return -ENXIO;
    if (m->cdev_req.len == 0)
        return 0;
    struct req *q = req_new(m, REQ_WRITE);
    if (!q)
        return -EAGAIN;
    if (held_back(tp, q))
        outbox_signal(q->pgrp, SIGTTOU);
    return req_wait(&tp->writes, q, tty_serve_writes, tp);
}
