/*
 * select and poll. CDEV_SELECT answers which of the asked operations are
 * ready now; with SEL_NOTIFY, when none is, the caller is remembered and
 * told with a VFS_DEV_SELECT once one becomes ready (a one-shot watch:
 * vfs asks again for the next time).
 */
#include "tty.h"

static unsigned ready_ops(const struct tty *tp)
{
    unsigned ops = 0;

    if (tp->in_committed > 0)
        ops |= SEL_RD;
    if (!tp->writes && out_room(tp) >= OUT_MAX_EXPAND)
        ops |= SEL_WR;
    return ops;
}

static int watch(struct tty *tp, endpoint_t caller, int minor, unsigned ops)
{
    struct select_watch *free_slot = NULL;

    for (int i = 0; i < NR_WATCHES; i++) {
        struct select_watch *w = &tp->watch[i];
        if (w->caller == caller && w->minor == minor) {
            w->ops |= ops;
            return 0;
        }
        if (w->caller == NONE && !free_slot)
            free_slot = w;
    }
    if (!free_slot)
        return -ENOSPC;
    *free_slot = (struct select_watch){ caller, minor, ops };
    return 0;
}

int do_select(message *m)
{
    const struct cdev_req *c = &m->cdev_req;
    struct tty *tp = tty_find(c->minor, c->sid);

    if (!tp)
        return -ENXIO;
    unsigned want = (unsigned)c->flags & (SEL_RD | SEL_WR | SEL_ERR);
    unsigned ready = ready_ops(tp) & want;
    if (ready || !want || !(c->flags & SEL_NOTIFY))
        return (int)ready;
    int r = watch(tp, m->m_source, c->minor, want);
    return r < 0 ? r : 0;
}

/* Tell the watchers whose operations are ready now. */
void tty_select_check(struct tty *tp)
{
    unsigned ready = ready_ops(tp);

    for (int i = 0; i < NR_WATCHES; i++) {
        struct select_watch *w = &tp->watch[i];
        if (w->caller == NONE || !(ready & w->ops))
            continue;
        outbox_select(w->caller, w->minor, ready & w->ops);
        w->caller = NONE;
    }
}
