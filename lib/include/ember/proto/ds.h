/*
 * The data store: services publish small values (their endpoints, mostly)
 * under a label; others look them up and may subscribe to changes of the
 * labels that start with a prefix, which ds signals with a notification.
 */
#ifndef EMBER_PROTO_DS_H
#define EMBER_PROTO_DS_H

#include <ember/proto/common.h>

enum ds_call {
    DS_PUBLISH = DS_BASE + 1, /* key, value, flags */
    DS_LOOKUP,                /* key -> value */
    DS_RETRACT,               /* key */
    DS_SUBSCRIBE,             /* key (a prefix) */
    DS_CHECK,                 /* -> key, value: the next changed key of a subscription */
};

#define DS_KEY_MAX 40

struct ds_req {
    char key[DS_KEY_MAX];
    uint64_t value;
    uint32_t flags;
    int32_t pad;
};

#define DS_LAYOUTS struct ds_req ds_req;

#endif
