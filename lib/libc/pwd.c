/*
 * Users and groups from /etc/passwd and /etc/group (the classic seven- and
 * four-field formats). Each call rereads the file: they are small.
 */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "call.h"

#define LINE        512
#define MAX_MEMBERS 64

static struct passwd pw;
static char pwline[LINE];
static struct group gr;
static char grline[LINE];
static char *members[MAX_MEMBERS + 1];
static FILE *pwfile, *grfile;

/* Split line at ':' into at most n fields; returns the count. */
static int split(char *line, char **f, int n)
{
    int i = 0;

    line[strcspn(line, "\n")] = '\0';
    f[i++] = line;
    for (char *p = line; *p && i < n; p++)
        if (*p == ':') {
            *p = '\0';
            f[i++] = p + 1;
        }
    return i;
}

static struct passwd *parse_pw(char *line)
{
    char *f[7];

    if (split(line, f, 7) != 7)
        return NULL;
    pw.pw_name = f[0];
    pw.pw_passwd = f[1];
    pw.pw_uid = (uid_t)strtoul(f[2], NULL, 10);
    pw.pw_gid = (gid_t)strtoul(f[3], NULL, 10);
    pw.pw_gecos = f[4];
    pw.pw_dir = f[5];
    pw.pw_shell = f[6];
    return &pw;
}

static struct group *parse_gr(char *line)
{
    char *f[4];
    int n = 0;

    if (split(line, f, 4) != 4)
        return NULL;
    gr.gr_name = f[0];
    gr.gr_passwd = f[1];
    gr.gr_gid = (gid_t)strtoul(f[2], NULL, 10);
    for (char *s = strtok(f[3], ","); s && n < MAX_MEMBERS; s = strtok(NULL, ","))
        members[n++] = s;
    members[n] = NULL;
    gr.gr_mem = members;
    return &gr;
}

void setpwent(void)
{
    if (pwfile)
        rewind(pwfile);
}

void endpwent(void)
{
    if (pwfile)
        fclose(pwfile);
    pwfile = NULL;
}

struct passwd *getpwent(void)
{
    if (!pwfile && !(pwfile = fopen("/etc/passwd", "r")))
        return NULL;
    while (fgets(pwline, sizeof(pwline), pwfile)) {
        struct passwd *p = parse_pw(pwline);
        if (p)
            return p;
    }
    return NULL;
}

static struct passwd *find_pw(const char *name, uid_t uid)
{
    struct passwd *p;

    setpwent();
    while ((p = getpwent()))
        if (name ? strcmp(p->pw_name, name) == 0 : p->pw_uid == uid)
            break;
    endpwent();
    return p;
}

struct passwd *getpwnam(const char *name)
{
    return find_pw(name, 0);
}
struct passwd *getpwuid(uid_t uid)
{
    return find_pw(NULL, uid);
}

void setgrent(void)
{
    if (grfile)
        rewind(grfile);
}

void endgrent(void)
{
    if (grfile)
        fclose(grfile);
    grfile = NULL;
}

struct group *getgrent(void)
{
    if (!grfile && !(grfile = fopen("/etc/group", "r")))
        return NULL;
    while (fgets(grline, sizeof(grline), grfile)) {
        struct group *g = parse_gr(grline);
        if (g)
            return g;
    }
    return NULL;
}

static struct group *find_gr(const char *name, gid_t gid)
{
    struct group *g;

    setgrent();
    while ((g = getgrent()))
        if (name ? strcmp(g->gr_name, name) == 0 : g->gr_gid == gid)
            break;
    endgrent();
    return g;
}

struct group *getgrnam(const char *name)
{
    return find_gr(name, 0);
}
struct group *getgrgid(gid_t gid)
{
    return find_gr(NULL, gid);
}

char *getlogin(void)
{
    char *user = getenv("LOGNAME");

    if (user)
        return user;
    struct passwd *p = getpwuid(getuid());
    return p ? p->pw_name : NULL;
}
