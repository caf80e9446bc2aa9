/*
 * chown: change the owner, and optionally the group, of files. The owner
 * is "user", "user:group", "user:" (the user's login group) or ":group";
 * names or numbers. -h changes symbolic links themselves; with -R trees
 * are changed, and links met in them (or given) are changed, not followed.
 */
#include <errno.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "file_alloc.h"
#include "file_owner.h"
#include "file_walk.h"

#define CHOWN_USAGE "[-hR] owner[:group] file..."

struct chown_ctx {
    uid_t uid; /* (uid_t)-1: unchanged */
    gid_t gid; /* (gid_t)-1: unchanged */
    bool no_follow;
    int status;
};

static void parse_owner(const char *spec, struct chown_ctx *ctx)
{
    char *user = xstrdup(spec);
    char *group = strchr(user, ':');

    ctx->uid = (uid_t)-1;
    ctx->gid = (gid_t)-1;
    if (group)
        *group++ = '\0';
    if (*user && owner_parse_user(user, &ctx->uid) != 0)
        cmd_diex(1, "invalid user: '%s'", spec);
    if (group && *group && owner_parse_group(group, &ctx->gid) != 0)
        cmd_diex(1, "invalid group: '%s'", spec);
    if (group && !*group && *user) {
        struct passwd *pw = getpwnam(user);
        if (!pw)
            cmd_diex(1, "'%s': user '%s' has no login group", spec, user);
        ctx->gid = pw->pw_gid;
    }
    if (!*user && (!group || !*group))
        cmd_diex(1, "invalid owner: '%s'", spec);
    free(user);
}

static void change_owner(struct chown_ctx *ctx, const char *path, bool is_link)
{
    int rc = is_link || ctx->no_follow ? lchown(path, ctx->uid, ctx->gid)
                                       : chown(path, ctx->uid, ctx->gid);

    if (rc != 0) {
        cmd_warn("cannot change the owner of '%s'", path);
        ctx->status = 1;
    }
}

static enum walk_reply visit(const struct walk_entry *entry, void *opaque)
{
    struct chown_ctx *ctx = opaque;

    switch (entry->event) {
    case WALK_DIR_PRE:
    case WALK_FILE:
        change_owner(ctx, entry->path, S_ISLNK(entry->st.st_mode));
        break;
    case WALK_ERROR:
        errno = entry->err;
        cmd_warn("cannot %s '%s'", entry->has_stat ? "read directory" : "access", entry->path);
        ctx->status = 1;
        break;
    case WALK_DIR_POST:
        break;
    }
    return WALK_CONTINUE;
}

int main(int argc, char **argv)
{
    struct chown_ctx ctx = { 0 };
    bool recursive = false;
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "hR")) != -1) {
        switch (opt) {
        case 'h':
            ctx.no_follow = true;
            break;
        case 'R':
            recursive = true;
            break;
        default:
            cmd_usage(CHOWN_USAGE);
        }
    }
    if (argc - optind < 2)
        cmd_usage(CHOWN_USAGE);
    parse_owner(argv[optind], &ctx);
    for (int i = optind + 1; i < argc; i++) {
        if (recursive)
            walk_tree(argv[i], 0, visit, &ctx);
        else
            change_owner(&ctx, argv[i], false);
    }
    return ctx.status;
}
