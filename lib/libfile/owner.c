/*
 * User and group names. ls -l asks for the same few owners over and over,
 * so each function remembers its last answer.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file_owner.h"

#define OWNER_NAME_MAX 64

struct owner_cache {
    int valid;
    unsigned long id;
    char name[OWNER_NAME_MAX];
};

static void cache_store(struct owner_cache *cache, unsigned long id, const char *name)
{
    cache->valid = 1;
    cache->id = id;
    if (name)
        snprintf(cache->name, sizeof cache->name, "%s", name);
    else
        snprintf(cache->name, sizeof cache->name, "%lu", id);
}

const char *owner_user_name(uid_t uid)
{
    static struct owner_cache cache;

    if (!cache.valid || cache.id != (unsigned long)uid) {
        struct passwd *pw = getpwuid(uid);
        cache_store(&cache, uid, pw ? pw->pw_name : NULL);
    }
    return cache.name;
}

const char *owner_group_name(gid_t gid)
{
    static struct owner_cache cache;

    if (!cache.valid || cache.id != (unsigned long)gid) {
        struct group *gr = getgrgid(gid);
        cache_store(&cache, gid, gr ? gr->gr_name : NULL);
    }
    return cache.name;
}

/* A decimal id that fits in 32 bits: 0, or -EINVAL. */
static int parse_id(const char *text, unsigned long *id)
{
    char *end;

    if (*text < '0' || *text > '9')
        return -EINVAL;
    errno = 0;
    *id = strtoul(text, &end, 10);
    if (errno || *end || *id > 0xffffffffUL)
        return -EINVAL;
    return 0;
}

int owner_parse_user(const char *text, uid_t *uid)
{
    struct passwd *pw = *text ? getpwnam(text) : NULL;
    unsigned long id;

    if (pw) {
        *uid = pw->pw_uid;
        return 0;
    }
    if (parse_id(text, &id) != 0)
        return -ENOENT;
    *uid = (uid_t)id;
    return 0;
}

int owner_parse_group(const char *text, gid_t *gid)
{
    struct group *gr = *text ? getgrnam(text) : NULL;
    unsigned long id;

    if (gr) {
        *gid = gr->gr_gid;
        return 0;
    }
    if (parse_id(text, &id) != 0)
        return -ENOENT;
    *gid = (gid_t)id;
    return 0;
}
