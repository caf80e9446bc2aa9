/*
 * Which processes ps shows. Without options, POSIX asks for the caller's
 * processes on the caller's terminal; pm does not report terminals, so
 * the caller's session stands for its terminal (a session has one
 * controlling terminal). -e shows all; -a those of all users in sessions
 * with a terminal (that is, the caller's) but no session leaders; -d all
 * but session leaders; -p and -u pick by process and user. BSD's "a"
 * widens to all users and "x" to processes without a terminal.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "ps.h"

static bool in_list(const int *list, int n, int value)
{
    for (int i = 0; i < n; i++)
        if (list[i] == value)
            return true;
    return false;
}

bool ps_selected(const struct selection *sel, const struct pm_procinfo *p,
                 const struct snapshot *snap)
{
    bool leader = p->sid == p->pid;
    bool on_my_tty = p->sid == snap->my_sid;

    if (sel->npids || sel->nusers) /* an explicit list: just those */
        return in_list(sel->pids, sel->npids, p->pid) || in_list(sel->uids, sel->nusers, p->uid);
    if (sel->no_leaders && leader)
        return false;
    if (sel->all)
        return true;
    if (sel->no_leaders && !sel->all_users) /* -d */
        return true;
    bool user_ok = sel->all_users || p->uid == (int)geteuid();
    bool tty_ok = sel->any_tty || on_my_tty;
    return user_ok && tty_ok;
}

/* Split a list at commas and blanks; call add for each item. */
static int each_item(const char *list, struct selection *sel,
                     int (*add)(const char *, struct selection *))
{
    char *copy = strdup(list);
    int r = 0;

    if (!copy)
        cmd_diex(1, "out of memory");
    for (char *item = strtok(copy, ", \t"); item && r == 0; item = strtok(NULL, ", \t"))
        r = add(item, sel);
    free(copy);
    return r;
}

static int add_pid(const char *item, struct selection *sel)
{
    char *end;
    long pid = strtol(item, &end, 10);

    if (*end || pid <= 0 || sel->npids == MAX_LIST) {
        cmd_warnx("invalid process id '%s'", item);
        return -1;
    }
    sel->pids[sel->npids++] = (int)pid;
    return 0;
}

static int add_user(const char *item, struct selection *sel)
{
    struct passwd *pw = getpwnam(item);
    char *end;
    long uid = pw ? (long)pw->pw_uid : strtol(item, &end, 10);

    if ((!pw && (*end || uid < 0)) || sel->nusers == MAX_LIST) {
        cmd_warnx("no such user '%s'", item);
        return -1;
    }
    sel->uids[sel->nusers++] = (int)uid;
    return 0;
}

int ps_parse_pids(const char *list, struct selection *sel)
{
    return each_item(list, sel, add_pid);
}

int ps_parse_users(const char *list, struct selection *sel)
{
    return each_item(list, sel, add_user);
}
