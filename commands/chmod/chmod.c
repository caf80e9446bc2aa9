/*
 * chmod: change file modes, octal ("755") or symbolic ("u+x,go-w"). With
 * -R, whole trees; symbolic links met inside a tree are left alone (their
 * mode means nothing), while an operand that is a link is followed.
 *
 * Options are scanned by hand: "chmod -w file" must take "-w" as a mode,
 * which getopt() would reject as an unknown option.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "file_mode.h"
#include "file_walk.h"

#define CHMOD_USAGE "[-R] mode file..."

struct chmod_ctx {
    const struct mode_change *change;
    mode_t umask_bits;
    int status;
};

static void change_mode(struct chmod_ctx *ctx, const char *path, const struct stat *st)
{
    mode_t mode = mode_apply(ctx->change, st->st_mode, S_ISDIR(st->st_mode), ctx->umask_bits);

    if (mode != (st->st_mode & 07777) && chmod(path, mode) != 0) {
        cmd_warn("cannot change the mode of '%s'", path);
        ctx->status = 1;
    }
}

static enum walk_reply visit(const struct walk_entry *entry, void *opaque)
{
    struct chmod_ctx *ctx = opaque;

    switch (entry->event) {
    case WALK_DIR_PRE: /* before reading it: "chmod -R u+r" can open it up */
    case WALK_FILE:
        if (!S_ISLNK(entry->st.st_mode))
            change_mode(ctx, entry->path, &entry->st);
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

static void chmod_operand(struct chmod_ctx *ctx, const char *path, bool recursive)
{
    struct stat st;

    if (recursive) {
        walk_tree(path, WALK_FOLLOW_ROOT, visit, ctx);
        return;
    }
    if (stat(path, &st) != 0) {
        cmd_warn("cannot access '%s'", path);
        ctx->status = 1;
        return;
    }
    change_mode(ctx, path, &st);
}

/* True when arg is a valid option cluster ("-R", "-RR"). */
static bool is_option(const char *arg)
{
    if (arg[0] != '-' || arg[1] == '\0')
        return false;
    return strspn(arg + 1, "R") == strlen(arg + 1);
}

int main(int argc, char **argv)
{
    struct chmod_ctx ctx = { .umask_bits = mode_umask() };
    bool recursive = false;
    int i = 1;

    cmd_setname(argv[0]);
    for (; i < argc && is_option(argv[i]); i++)
        recursive = true;
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (argc - i < 2)
        cmd_usage(CHMOD_USAGE);
    ctx.change = mode_compile(argv[i]);
    if (!ctx.change) {
        if (argv[i][0] == '-' && strchr("rwxXstugoa+-=,01234567", argv[i][1]) == NULL)
            cmd_usage(CHMOD_USAGE);
        cmd_diex(1, "invalid mode '%s'", argv[i]);
    }
    for (i++; i < argc; i++)
        chmod_operand(&ctx, argv[i], recursive);
    return ctx.status;
}
