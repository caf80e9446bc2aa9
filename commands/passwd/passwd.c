/*
 * passwd: change a user's password.
 *
 *   passwd [user]           set a new password
 *   passwd -d | -l | -u user   delete it, lock or unlock the account (root)
 *
 * Users change their own password after typing the current one; root
 * changes anyone's without. The new password is typed twice (prompts on
 * standard error, the echo off; from a pipe, two lines are read), hashed
 * in the "$5$" format with a fresh random salt (lib/libcrypt/pwhash.h)
 * and stored in /etc/shadow with the day of the change. An account whose
 * password sat in /etc/passwd gets "x" there in the same go. Each file is
 * replaced atomically (lib/libcrypt/shadow.h). A locked account has '!'
 * before its hash; unlocking removes it.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "account.h"
#include "cmd.h"
#include "passphrase.h"
#include "pwhash.h"

#define PASSWD_USAGE "[user]\n       passwd -d | -l | -u user"
#define FAIL_DELAY   2
#define SECS_PER_DAY 86400

enum action { SET, DELETE, LOCK, UNLOCK };

static enum action parse(int argc, char **argv, const char **user)
{
    enum action action = SET;
    int opt;

    while ((opt = getopt(argc, argv, "dlu")) != -1) {
        if (opt == '?' || action != SET) /* an unknown option, or a second one */
            cmd_usage(PASSWD_USAGE);
        action = opt == 'd' ? DELETE : opt == 'l' ? LOCK : UNLOCK;
    }
    if (argc - optind > 1 || (action != SET && argc - optind != 1))
        cmd_usage(PASSWD_USAGE);
    *user = optind < argc ? argv[optind] : NULL;
    return action;
}

/* An ordinary user proves to be the account's owner. */
static void check_current(const struct account *a)
{
    char password[FIELD_MAX];

    if (getuid() == 0 || account_passwordless(a))
        return;
    if (ask_line("Current password: ", 2, true, password, sizeof(password)) < 0)
        exit(1);
    bool ok = account_check(a, password);
    memset(password, 0, sizeof(password));
    if (!ok) {
        sleep(FAIL_DELAY);
        cmd_diex(1, "current password incorrect; %s's password unchanged", a->name);
    }
}

/* The hash of a new password typed twice into hash. */
static void new_hash(const struct account *a, char *hash, size_t size)
{
    char first[FIELD_MAX], second[FIELD_MAX], setting[PWHASH_MAX];

    if (ask_line("New password: ", 2, true, first, sizeof(first)) < 0 ||
        ask_line("Retype new password: ", 2, true, second, sizeof(second)) < 0)
        cmd_diex(1, "no password read; %s's password unchanged", a->name);
    bool same = strcmp(first, second) == 0;
    memset(second, 0, sizeof(second));
    if (!same)
        cmd_diex(1, "the passwords do not match; %s's password unchanged", a->name);
    if (first[0] == '\0')
        cmd_diex(1, "empty password; %s's password unchanged (passwd -d removes it)", a->name);
    if (pwhash_setting(setting, sizeof(setting), 0) < 0 || pwhash(first, setting, hash, size) < 0)
        cmd_diex(1, "cannot hash the password");
    memset(first, 0, sizeof(first));
}

/* The password field the action leaves, from the current one. */
static void changed_field(const struct account *a, enum action action, char *field, size_t size)
{
    switch (action) {
    case SET:
        new_hash(a, field, size);
        break;
    case DELETE:
        field[0] = '\0';
        break;
    case LOCK:
        snprintf(field, size, "%s%s", a->password[0] == '!' ? "" : "!", a->password);
        break;
    case UNLOCK:
        if (a->password[0] != '!')
            cmd_diex(1, "%s is not locked", a->name);
        if (a->password[1] == '\0')
            cmd_diex(1, "unlocking would leave %s without a password (passwd -d does that)",
                     a->name);
        snprintf(field, size, "%s", a->password + 1);
        break;
    }
}

/* Write the new field to /etc/shadow, and "x" to /etc/passwd if the
 * password lived there. */
static void store(const struct account *a, const char *field)
{
    char today[24];
    const char *shadow_values[] = { NULL, field, today };
    const char *passwd_values[] = { NULL, "x" };

    snprintf(today, sizeof(today), "%lld", (long long)(time(NULL) / SECS_PER_DAY));
    if (account_update(SHADOW_FILE, a->name, shadow_values, 3, SHADOW_TEMPLATE, 0600) < 0)
        cmd_die(1, "cannot update %s", SHADOW_FILE);
    if (!a->shadowed && account_update(PASSWD_FILE, a->name, passwd_values, 2, NULL, 0644) < 0)
        cmd_die(1, "cannot update %s", PASSWD_FILE);
}

int main(int argc, char **argv)
{
    const char *user;
    struct account a;
    char field[FIELD_MAX + 1]; /* a password and the '!' of a lock */

    cmd_setname(argv[0]);
    enum action action = parse(argc, argv, &user);
    uid_t uid = getuid();
    if (account_get(user, uid, &a) < 0) {
        if (errno != ENOENT)
            cmd_die(1, "cannot read %s", SHADOW_FILE);
        if (user)
            cmd_diex(1, "user %s does not exist", user);
        cmd_diex(1, "you (user id %lu) are not in %s", (unsigned long)uid, PASSWD_FILE);
    }
    if (uid != 0 && (a.uid != uid || action != SET))
        cmd_diex(1, "only root may %s",
                 action == SET ? "change another user's password"
                               : "delete, lock or unlock passwords");
    check_current(&a);
    changed_field(&a, action, field, sizeof(field));
    store(&a, field);
    memset(field, 0, sizeof(field));
    printf("passwd: password %s for %s\n",
           action == SET      ? "updated"
           : action == DELETE ? "deleted"
           : action == LOCK   ? "locked"
                              : "unlocked",
           a.name);
    return 0;
}
