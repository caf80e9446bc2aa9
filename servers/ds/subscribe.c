/*
 * Subscriptions. A subscriber names up to SUB_PREFIXES key prefixes; a
 * change to a matching key sets the key's bit in the subscriber's pending
 * set and, once the current request is answered, notifies it. A new
 * subscription finds the matching keys already published pending at once,
 * so a subscriber never misses what happened before it asked.
 * Subscribers that have died are dropped when a notification to them
 * fails, or when their record is needed.
 */
#include <string.h>
#include "ds.h"

struct subscriber subscribers[NR_SUBSCRIBERS];

void subs_init(void)
{
    for (int i = 0; i < NR_SUBSCRIBERS; i++)
        subscribers[i].ep = NONE;
}

static void sub_drop(struct subscriber *s)
{
    memset(s, 0, sizeof(*s));
    s->ep = NONE;
}

static struct subscriber *sub_find(endpoint_t ep)
{
    for (int i = 0; i < NR_SUBSCRIBERS; i++)
        if (subscribers[i].ep == ep)
            return &subscribers[i];
    return NULL;
}

/* A free record, reclaiming those of dead subscribers if need be. */
static struct subscriber *sub_alloc(endpoint_t ep)
{
    struct subscriber *s = sub_find(NONE);

    for (int i = 0; !s && i < NR_SUBSCRIBERS; i++)
        if (!endpoint_alive(subscribers[i].ep))
            s = &subscribers[i];
    if (!s)
        return NULL;
    sub_drop(s);
    s->ep = ep;
    return s;
}

static bool sub_matches(const struct subscriber *s, const char *key)
{
    for (int p = 0; p < s->nprefixes; p++)
        if (strncmp(key, s->prefix[p], strlen(s->prefix[p])) == 0)
            return true;
    return false;
}

static void set_pending(struct subscriber *s, int i)
{
    s->pending[i / 64] |= 1ull << (i % 64);
    s->notify_due = true;
}

void subs_key_changed(int i)
{
    for (int n = 0; n < NR_SUBSCRIBERS; n++) {
        struct subscriber *s = &subscribers[n];
        if (s->ep != NONE && sub_matches(s, entries[i].key))
            set_pending(s, i);
    }
}

void subs_forget_key(int i)
{
    for (int n = 0; n < NR_SUBSCRIBERS; n++)
        subscribers[n].pending[i / 64] &= ~(1ull << (i % 64));
}

bool subs_key_pending(int i)
{
    for (int n = 0; n < NR_SUBSCRIBERS; n++)
        if (subscribers[n].ep != NONE && (subscribers[n].pending[i / 64] >> (i % 64)) & 1)
            return true;
    return false;
}

void subs_notify_due(void)
{
    for (int n = 0; n < NR_SUBSCRIBERS; n++) {
        struct subscriber *s = &subscribers[n];
        if (s->ep == NONE || !s->notify_due)
            continue;
        s->notify_due = false;
        if (ipc_notify(s->ep) == -EDEADSRCDST)
            sub_drop(s);
    }
}

static bool has_prefix(const struct subscriber *s, const char *prefix)
{
    for (int p = 0; p < s->nprefixes; p++)
        if (strcmp(s->prefix[p], prefix) == 0)
            return true;
    return false;
}

int do_subscribe(message *m)
{
    struct ds_req *q = &m->ds_req;
    int r = key_check(q->key, true);

    if (r < 0)
        return r;
    struct subscriber *s = sub_find(m->m_source);
    if (s && has_prefix(s, q->key))
        return 0;
    if (s ? s->nprefixes == SUB_PREFIXES : !(s = sub_alloc(m->m_source)))
        return -ENOSPC;
    strcpy(s->prefix[s->nprefixes++], q->key);
    for (int i = 0; i < NR_KEYS; i++)
        if (entries[i].used && entries[i].live && sub_matches(s, entries[i].key))
            set_pending(s, i);
    return 0;
}

/* The next changed key of the caller's subscriptions: its name and value
 * (0 when it was retracted; a lookup then answers ENOENT). */
int do_check(message *m)
{
    struct ds_req *q = &m->ds_req;
    struct subscriber *s = sub_find(m->m_source);

    if (!s)
        return -ENOENT;
    for (int i = 0; i < NR_KEYS; i++) {
        if (!((s->pending[i / 64] >> (i % 64)) & 1))
            continue;
        s->pending[i / 64] &= ~(1ull << (i % 64));
        memset(q, 0, sizeof(*q));
        strcpy(q->key, entries[i].key);
        q->value = entries[i].live ? entries[i].value : 0;
        entry_release_if_seen(i);
        return 0;
    }
    return -ENOENT;
}
