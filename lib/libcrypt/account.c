/* Accounts: /etc/passwd entries with their passwords (account.h). */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "pwhash.h"

#define SHADOWED   "x"
#define LOCKED     "*"
#define MAX_GROUPS 32

static void copy(char *dst, const char *src)
{
    snprintf(dst, FIELD_MAX, "%s", src ? src : "");
}

/* The password from /etc/shadow; an account "x" points at but that has
 * no shadow line is locked. */
static int read_shadow(struct account *a)
{
    int r = account_field(SHADOW_FILE, a->name, 1, a->password, sizeof(a->password));

    if (r < 0)
        return -1;
    if (r == 0)
        copy(a->password, LOCKED);
    a->shadowed = true;
    return 0;
}

int account_get(const char *name, uid_t uid, struct account *a)
{
    struct passwd *pw;

    errno = 0;
    pw = name ? getpwnam(name) : getpwuid(uid);
    if (!pw) {
        errno = ENOENT;
        return -1;
    }
    memset(a, 0, sizeof(*a));
    copy(a->name, pw->pw_name);
    a->uid = pw->pw_uid;
    a->gid = pw->pw_gid;
    copy(a->home, pw->pw_dir);
    copy(a->shell, pw->pw_shell);
    copy(a->password, pw->pw_passwd);
    if (strcmp(a->password, SHADOWED) == 0)
        return read_shadow(a);
    return 0;
}

bool account_passwordless(const struct account *a)
{
    return a->password[0] == '\0';
}

bool account_check(const struct account *a, const char *password)
{
    if (account_passwordless(a))
        return true;
    if (a->password[0] == '!' || a->password[0] == '*')
        return false;
    return pwhash_check(password, a->password);
}

int account_groups(const struct account *a, gid_t *groups, int max)
{
    struct group *g;
    int n = 0;

    if (max < 1)
        return 0;
    groups[n++] = a->gid;
    setgrent();
    while ((g = getgrent()) && n < max) {
        if (g->gr_gid == a->gid)
            continue;
        for (char **m = g->gr_mem; m && *m; m++)
            if (strcmp(*m, a->name) == 0) {
                groups[n++] = g->gr_gid;
                break;
            }
    }
    endgrent();
    return n;
}

const char *account_shell(const struct account *a)
{
    return a->shell[0] ? a->shell : "/bin/sh";
}

const char *account_path(const struct account *a)
{
    return a->uid == 0 ? "/sbin:/bin:/usr/sbin:/usr/bin" : "/bin:/usr/bin";
}

int account_become(const struct account *a)
{
    gid_t groups[MAX_GROUPS];
    int n = account_groups(a, groups, MAX_GROUPS);

    if (setgroups(n, groups) < 0 && geteuid() == 0)
        return -1;
    if (setgid(a->gid) < 0 || setuid(a->uid) < 0)
        return -1;
    return 0;
}
