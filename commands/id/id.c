/*
 * id: user and group ids, of this process or of a named user.
 *
 *   id [user]                  uid=0(root) gid=0(root) groups=0(root),...
 *   id -u | -g | -G [-n] [-r] [user]
 *
 * -n prints names instead of numbers, -r the real ids instead of the
 * effective ones. For a named user the groups shown are the user's login
 * group (the group database is only searched by name and id).
 */
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"

#define ID_USAGE                                                                                   \
    "[user]\n       id -G [-n] [user]\n       id -g [-nr] [user]\n       id -u [-nr] [user]"

struct id_set {
    uid_t ruid, euid;
    gid_t rgid, egid;
    gid_t *groups;
    int ngroups;
};

enum id_style {
    STYLE_NUMBER, /* 0 */
    STYLE_NAME,   /* root, or the number when there is no name */
    STYLE_BOTH,   /* 0(root) */
};

static void print_id(unsigned long id, const char *name, enum id_style style)
{
    if (style == STYLE_NAME && name)
        printf("%s", name);
    else if (style == STYLE_BOTH && name)
        printf("%lu(%s)", id, name);
    else
        printf("%lu", id);
}

static void print_user(uid_t uid, enum id_style style)
{
    struct passwd *pw = style == STYLE_NUMBER ? NULL : getpwuid(uid);

    print_id((unsigned long)uid, pw ? pw->pw_name : NULL, style);
}

static void print_group(gid_t gid, enum id_style style)
{
    struct group *gr = style == STYLE_NUMBER ? NULL : getgrgid(gid);

    print_id((unsigned long)gid, gr ? gr->gr_name : NULL, style);
}

static void ids_of_process(struct id_set *ids)
{
    int n = getgroups(0, NULL);

    ids->ruid = getuid();
    ids->euid = geteuid();
    ids->rgid = getgid();
    ids->egid = getegid();
    ids->ngroups = 0;
    ids->groups = malloc(((size_t)(n > 0 ? n : 0) + 1) * sizeof *ids->groups);
    if (!ids->groups)
        cmd_diex(1, "out of memory");
    if (n > 0)
        ids->ngroups = getgroups(n, ids->groups);
    if (ids->ngroups < 0)
        cmd_die(1, "cannot get the group list");
}

static void ids_of_user(const char *name, struct id_set *ids)
{
    struct passwd *pw = getpwnam(name);
    char *end;

    if (!pw) {
        unsigned long uid = strtoul(name, &end, 10);
        if (*name && !*end)
            pw = getpwuid((uid_t)uid);
    }
    if (!pw)
        cmd_diex(1, "'%s': no such user", name);
    ids->ruid = ids->euid = pw->pw_uid;
    ids->rgid = ids->egid = pw->pw_gid;
    ids->groups = malloc(sizeof *ids->groups);
    if (!ids->groups)
        cmd_diex(1, "out of memory");
    ids->groups[0] = pw->pw_gid;
    ids->ngroups = 1;
}

/* -G: the effective group first, then the others, without repeats. */
static void print_group_list(const struct id_set *ids, enum id_style style, const char *sep)
{
    print_group(ids->egid, style);
    for (int i = 0; i < ids->ngroups; i++) {
        if (ids->groups[i] == ids->egid)
            continue;
        fputs(sep, stdout);
        print_group(ids->groups[i], style);
    }
}

static void print_all(const struct id_set *ids)
{
    printf("uid=");
    print_user(ids->ruid, STYLE_BOTH);
    printf(" gid=");
    print_group(ids->rgid, STYLE_BOTH);
    if (ids->euid != ids->ruid) {
        printf(" euid=");
        print_user(ids->euid, STYLE_BOTH);
    }
    if (ids->egid != ids->rgid) {
        printf(" egid=");
        print_group(ids->egid, STYLE_BOTH);
    }
    printf(" groups=");
    print_group_list(ids, STYLE_BOTH, ",");
}

int main(int argc, char **argv)
{
    bool names = false, real = false;
    struct id_set ids;
    int opt, which = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "Ggnru")) != -1) {
        switch (opt) {
        case 'G':
        case 'g':
        case 'u':
            if (which && which != opt)
                cmd_usage(ID_USAGE);
            which = opt;
            break;
        case 'n':
            names = true;
            break;
        case 'r':
            real = true;
            break;
        default:
            cmd_usage(ID_USAGE);
        }
    }
    if (argc - optind > 1 || ((names || real) && !which))
        cmd_usage(ID_USAGE);
    if (optind < argc)
        ids_of_user(argv[optind], &ids);
    else
        ids_of_process(&ids);

    enum id_style style = names ? STYLE_NAME : STYLE_NUMBER;
    switch (which) {
    case 'u':
        print_user(real ? ids.ruid : ids.euid, style);
        break;
    case 'g':
        print_group(real ? ids.rgid : ids.egid, style);
        break;
    case 'G':
        print_group_list(&ids, style, " ");
        break;
    default:
        print_all(&ids);
        break;
    }
    putchar('\n');
    free(ids.groups);
    return fflush(stdout) == 0 ? 0 : 1;
}
