/*
 * Reading. A canonical read waits for a complete line and returns at most
 * one; a non-canonical read follows VMIN and VTIME:
 *   MIN 0, TIME 0   whatever is there, perhaps nothing, at once
 *   MIN 0, TIME t   the first byte, or nothing after t tenths of a second
 *   MIN m, TIME 0   at least m bytes (or len, if smaller)
 *   MIN m, TIME t   m bytes, or what came once t tenths pass without input
 * A read from a background process group of the terminal's session sends
 * SIGTTIN to that group and waits until the group is in the foreground
 * (or pm cancels the read to deliver the signal).
 */
#include "tty.h"

#define CHUNK        256
#define NS_PER_TENTH 100000000ull

/* Can q be answered now? Sets the VTIME deadline it is waiting for. */
static bool read_ready(struct tty *tp, struct req *q)
{
    const struct termios *t = &tp->termios;
    unsigned avail = tp->in_committed;

    if (t->c_lflag & ICANON)
        return avail > 0;
    unsigned min = t->c_cc[VMIN];
    uint64_t wait = t->c_cc[VTIME] * NS_PER_TENTH;
    if (min == 0) {
        if (avail > 0 || wait == 0)
            return true;
        if (q->deadline == 0)
            q->deadline = clock_now() + wait;
        return clock_now() >= q->deadline;
    }
    if (avail >= min || avail >= q->len)
        return true;
    if (wait == 0 || avail == 0) {
        q->deadline = 0;
        return false;
    }
    q->deadline = tp->last_input + wait;
    return clock_now() >= q->deadline;
}

/* Copy what q may take now into its grant: the count, or an error when
 * nothing could be copied. A canonical read stops after a line's end; an
 * EOF mark that ends the line is consumed with it, never delivered. */
static int read_copy(struct tty *tp, struct req *q)
{
    bool canonical = tp->termios.c_lflag & ICANON, eot = false;
    uint8_t buf[CHUNK];

    while (!eot) {
        size_t n = 0;
        unsigned used = 0;
        while (used < tp->in_committed && !eot) {
            uint16_t e = tp->in[(tp->in_head + used) % TTY_IN_SIZE];
            if (!(e & IN_EOF)) {
                if (n == CHUNK || q->done + n == q->len)
                    break;
                buf[n++] = (uint8_t)(e & IN_CHAR);
            }
            used++;
            eot = canonical && (e & IN_EOT);
        }
        if (used == 0)
            break;
        if (n > 0) {
            int r = sys_safecopyto(q->caller, q->grant, q->done, buf, n);
            if (r < 0)
                return q->done > 0 ? (int)q->done : r;
        }
        tp->in_head = (tp->in_head + used) % TTY_IN_SIZE;
        tp->in_count -= used;
        tp->in_committed -= used;
        q->done += n;
    }
    return (int)q->done;
}

/* Answer the waiting reads that can be answered, in order; background
 * readers wait without holding up the others. */
void tty_serve_reads(struct tty *tp)
{
    for (struct req *q = tp->reads, *next; q; q = next) {
        next = q->next;
        if (tty_is_background(tp, q->pgrp, q->sid))
            continue;
        if (!read_ready(tp, q))
            break;
        req_unlink(&tp->reads, q);
        req_finish(q, read_copy(tp, q));
    }
    timer_update();
}

/* The earliest VTIME deadline of tp's waiting reads, 0 if none. */
uint64_t tty_read_deadline(const struct tty *tp)
{
    uint64_t first = 0;

    for (const struct req *q = tp->reads; q; q = q->next)
        if (q->deadline && (!first || q->deadline < first))
            first = q->deadline;
    return first;
}

int do_read(message *m)
{
    struct tty *tp = tty_find(m->cdev_req.minor, m->cdev_req.sid);

    if (!tp)
        return -ENXIO;
    if (m->cdev_req.len == 0)
        return 0;
    struct req *q = req_new(m, REQ_READ);
    if (!q)
        return -EAGAIN;
    if (tty_is_background(tp, q->pgrp, q->sid))
        outbox_signal(q->pgrp, SIGTTIN);
    return req_wait(&tp->reads, q, tty_serve_reads, tp);
}

static struct req *find_request(struct req *list, endpoint_t caller, uint32_t id)
{
    for (; list; list = list->next)
        if (list->caller == caller && list->id == id)
            return list;
    return NULL;
}

/* End a waiting request at once: its count so far, or EINTR. ENOENT when
 * there is none (its late reply is already on its way). */
int do_cancel(message *m)
{
    for (int i = 0; i < NR_TTYS; i++) {
        struct tty *tp = &ttys[i];
        struct req *q = find_request(tp->reads, m->m_source, m->cdev_req.id);
        struct req **list = &tp->reads;
        if (!q) {
            q = find_request(tp->writes, m->m_source, m->cdev_req.id);
            list = &tp->writes;
        }
        if (!q)
            continue;
        req_unlink(list, q);
        int r = q->done > 0 ? (int)q->done : -EINTR;
        req_free(q);
        tty_serve_reads(tp);
        tty_serve_writes(tp);
        return r;
    }
    return -ENOENT;
}
