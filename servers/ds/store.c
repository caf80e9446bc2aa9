/*
 * The key table: publish, lookup, retract. A key belongs to the process
 * that published it: only that process (or rs, which acts for the
 * services it supervises) may change or retract it, unless the owner is
 * dead, which is how a restarted service takes its label back.
 */
#include <string.h>
#include "ds.h"

struct entry entries[NR_KEYS];

/* A key in a request: NUL-terminated inside the field, and not empty
 * unless empty_ok. */
int key_check(const char *key, bool empty_ok)
{
    if (!memchr(key, '\0', DS_KEY_MAX))
        return -E2BIG;
    if (!empty_ok && key[0] == '\0')
        return -EINVAL;
    return 0;
}

static int entry_find(const char *key)
{
    for (int i = 0; i < NR_KEYS; i++)
        if (entries[i].used && strcmp(entries[i].key, key) == 0)
            return i;
    return -1;
}

/* A free slot; failing that, a tombstone whose news some subscriber will
 * now miss. -1 when every slot holds a live key. */
static int entry_alloc(void)
{
    for (int i = 0; i < NR_KEYS; i++)
        if (!entries[i].used)
            return i;
    for (int i = 0; i < NR_KEYS; i++) {
        if (!entries[i].live) {
            subs_forget_key(i);
            entries[i].used = false;
            return i;
        }
    }
    return -1;
}

/* May caller change or retract entry e? */
static bool may_change(const struct entry *e, endpoint_t caller)
{
    return e->owner == caller || caller == RS_EP || !endpoint_alive(e->owner);
}

/* Free a tombstone that no subscriber has pending any more. */
void entry_release_if_seen(int i)
{
    if (entries[i].used && !entries[i].live && !subs_key_pending(i))
        entries[i].used = false;
}

int do_publish(message *m)
{
    struct ds_req *q = &m->ds_req;
    int r = key_check(q->key, false);

    if (r < 0)
        return r;
    int i = entry_find(q->key);
    /* A service may always publish its own endpoint (rs may have published
     * it first for a restarted instance). */
    bool own = m->ds_req.value == (uint64_t)(uint32_t)m->m_source;
    if (i >= 0 && entries[i].live && !own && !may_change(&entries[i], m->m_source))
        return -EPERM;
    if (i < 0 && (i = entry_alloc()) < 0)
        return -ENOSPC;
    struct entry *e = &entries[i];
    if (!e->used) {
        memset(e, 0, sizeof(*e));
        strcpy(e->key, q->key);
        e->used = true;
    }
    e->live = true;
    e->value = q->value;
    e->owner = m->m_source;
    subs_key_changed(i);
    return 0;
}

int do_lookup(message *m)
{
    struct ds_req *q = &m->ds_req;
    int r = key_check(q->key, false);

    if (r < 0)
        return r;
    int i = entry_find(q->key);
    if (i < 0 || !entries[i].live)
        return -ENOENT;
    q->value = entries[i].value;
    return 0;
}

int do_retract(message *m)
{
    struct ds_req *q = &m->ds_req;
    int r = key_check(q->key, false);

    if (r < 0)
        return r;
    int i = entry_find(q->key);
    if (i < 0 || !entries[i].live)
        return -ENOENT;
    if (!may_change(&entries[i], m->m_source))
        return -EPERM;
    entries[i].live = false;
    entries[i].value = 0;
    subs_key_changed(i);
    entry_release_if_seen(i);
    return 0;
}
