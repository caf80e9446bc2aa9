/* User and group names and ids, for ls -l, stat, chown, find and tar. */
#ifndef FILE_OWNER_H
#define FILE_OWNER_H

#include <sys/types.h>

/*
 * The name of a user or group, or its number in decimal when it has none.
 * The string stays valid until the next call of the same function.
 */
const char *owner_user_name(uid_t uid);
const char *owner_group_name(gid_t gid);

/* A user or group given by name or by number: 0, or -ENOENT. */
int owner_parse_user(const char *text, uid_t *uid);
int owner_parse_group(const char *text, gid_t *gid);

#endif
