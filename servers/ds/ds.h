/* The data store's tables and the handlers that work on them. */
#ifndef DS_H
#define DS_H

#include <stdbool.h>
#include <ember/server.h>
#include <ember/proto/ds.h>

#define NR_KEYS        128 /* published keys, live or retracted */
#define NR_SUBSCRIBERS 32  /* processes with subscriptions */
#define SUB_PREFIXES   4   /* prefixes per subscriber */
#define KEY_WORDS      ((NR_KEYS + 63) / 64)

/*
 * A key. A retracted key stays in the table as a tombstone while some
 * subscriber has yet to fetch the change with DS_CHECK; the slot is free
 * again once nobody has it pending.
 */
struct entry {
    bool used; /* the slot holds a key */
    bool live; /* published; false: retracted (a tombstone) */
    char key[DS_KEY_MAX];
    uint64_t value;
    endpoint_t owner; /* who published it */
};

/* A subscriber: its prefixes and the keys changed since it last looked. */
struct subscriber {
    endpoint_t ep; /* NONE: a free record */
    int nprefixes;
    char prefix[SUB_PREFIXES][DS_KEY_MAX];
    uint64_t pending[KEY_WORDS]; /* bit i: entries[i] changed */
    bool notify_due;             /* tell it once the current request is answered */
};

extern struct entry entries[NR_KEYS];
extern struct subscriber subscribers[NR_SUBSCRIBERS];

/* store.c */
int do_publish(message *m);
int do_lookup(message *m);
int do_retract(message *m);
int key_check(const char *key, bool empty_ok);
void entry_release_if_seen(int i);

/* subscribe.c */
int do_subscribe(message *m);
int do_check(message *m);
void subs_init(void);
void subs_key_changed(int i);
void subs_forget_key(int i);
bool subs_key_pending(int i);
void subs_notify_due(void);

/* alive.c */
bool endpoint_alive(endpoint_t ep);

#endif
