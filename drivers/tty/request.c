/*
 * Requests that may wait. Each terminal keeps its waiting reads and its
 * waiting writes (and drains) in two lists, oldest first, served in order.
 * A request is first served within its own message ("direct"): if it can
 * finish then, its result is the reply; otherwise the reply is EDONTREPLY
 * and the result goes out later as a VFS_DEV_REPLY.
 */
#include <string.h>
#include "tty.h"

static struct req pool[NR_REQS];
static struct req *free_list;
static bool pool_ready;

struct req *req_new(const message *m, enum req_kind kind)
{
    const struct cdev_req *c = &m->cdev_req;

    if (!pool_ready) {
        for (int i = 0; i < NR_REQS; i++) {
            pool[i].next = free_list;
            free_list = &pool[i];
        }
        pool_ready = true;
    }
    struct req *q = free_list;
    if (!q)
        return NULL;
    free_list = q->next;
    memset(q, 0, sizeof(*q));
    q->kind = kind;
    q->caller = m->m_source;
    q->id = c->id;
    q->minor = c->minor;
    q->grant = c->grant;
    q->len = c->len < (1u << 30) ? (size_t)c->len : (1u << 30);
    q->flags = c->flags;
    q->pgrp = c->pgrp;
    q->pid = c->pid;
    q->sid = c->sid;
    return q;
}

void req_free(struct req *q)
{
    q->next = free_list;
    free_list = q;
}

void req_append(struct req **list, struct req *q)
{
    while (*list)
        list = &(*list)->next;
    q->next = NULL;
    *list = q;
}

bool req_unlink(struct req **list, struct req *q)
{
    for (; *list; list = &(*list)->next) {
        if (*list == q) {
            *list = q->next;
            q->next = NULL;
            return true;
        }
    }
    return false;
}

/* q (already unlinked) is done: answer now or later. */
void req_finish(struct req *q, int result)
{
    if (q->direct) {
        q->finished = true;
        q->result = result;
        return;
    }
    outbox_reply(q->caller, q->id, q->minor, result);
    req_free(q);
}

/*
 * Queue q behind the requests already waiting on tp and serve the list:
 * q's result when it finished at once; otherwise EDONTREPLY, or for a
 * non-blocking request the count so far or EAGAIN.
 */
int req_wait(struct req **list, struct req *q, void (*serve)(struct tty *), struct tty *tp)
{
    q->direct = true;
    req_append(list, q);
    serve(tp);
    if (q->finished) {
        int r = q->result;
        req_free(q);
        return r;
    }
    q->direct = false;
    if (!(q->flags & CDEV_NONBLOCK))
        return EDONTREPLY;
    req_unlink(list, q);
    int r = q->done > 0 ? (int)q->done : -EAGAIN;
    req_free(q);
    timer_update();
    return r;
}
