/*
 * ds: the data store. Services publish small values under a key (their
 * endpoints, mostly: "tty" -> the tty driver's endpoint); others look them
 * up, and may subscribe to the keys that start with a prefix. A change of
 * such a key sets it pending for the subscriber and notifies it; the
 * subscriber then calls DS_CHECK until it answers ENOENT, getting each
 * changed key once.
 *
 * ds is boot module 0 and never restarts, so its endpoint is fixed
 * (DS_EP). It answers every request at once. Notifications go out only
 * after the reply: a subscriber that is itself the caller is waiting for
 * its reply, and must not receive the notification in its place.
 */
#include "ds.h"

static int (*const handlers[])(message *) = {
    [DS_PUBLISH - DS_BASE] = do_publish, [DS_LOOKUP - DS_BASE] = do_lookup,
    [DS_RETRACT - DS_BASE] = do_retract, [DS_SUBSCRIBE - DS_BASE] = do_subscribe,
    [DS_CHECK - DS_BASE] = do_check,
};

#define NR_HANDLERS ((int)(sizeof(handlers) / sizeof(handlers[0])))

static int dispatch(message *m)
{
    int call = m->m_type - DS_BASE;

    if (call <= 0 || call >= NR_HANDLERS || !handlers[call])
        return -ENOSYS;
    return handlers[call](m);
}

int main(void)
{
    message m;

    srv_start("ds", DS_EP);
    subs_init();
    for (;;) {
        if (srv_receive(&m) < 0)
            continue;
        if (is_notify(&m))
            continue; /* nobody has reason to notify ds */
        srv_reply(m.m_source, &m, dispatch(&m));
        subs_notify_due();
    }
}
