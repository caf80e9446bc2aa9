/*
 * A user account as login, su and passwd see it: the /etc/passwd entry
 * with its password taken from /etc/shadow when the passwd field is "x"
 * (shadow.h has the formats).
 */
#ifndef ACCOUNT_H
#define ACCOUNT_H

#include <stdbool.h>
#include <sys/types.h>

#include "shadow.h"

struct account {
    char name[FIELD_MAX];
    uid_t uid;
    gid_t gid;
    char home[FIELD_MAX];
    char shell[FIELD_MAX];
    char password[FIELD_MAX]; /* "": none; a hash; '!' or '*' first: locked */
    bool shadowed;            /* the password lives in /etc/shadow */
};

/* The account named name, or with name NULL the account of uid. Returns
 * 0, or -1 with errno: ENOENT when there is no such user, another code
 * when /etc/shadow could not be read. */
int account_get(const char *name, uid_t uid, struct account *a);

/* Whether the account asks for no password at all. */
bool account_passwordless(const struct account *a);

/* Whether password opens the account (never for a locked one). */
bool account_check(const struct account *a, const char *password);

/* The groups the user belongs to: the login group first, then those of
 * /etc/group listing the user. Returns how many were stored. */
int account_groups(const struct account *a, gid_t *groups, int max);

/* The login shell, /bin/sh when the entry names none. */
const char *account_shell(const struct account *a);

/* The PATH a session of the account starts with (root's has /sbin). */
const char *account_path(const struct account *a);

/* Take on the account's identity: its groups, then its group id, then
 * its user id (after which the other two could no longer be set).
 * Returns 0, or -1 with errno. */
int account_become(const struct account *a);

#endif
