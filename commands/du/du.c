/*
 * du: disk usage of file trees. Each directory's total includes all below
 * it; a file with several links counts once. Sizes are in 512-byte
 * blocks as POSIX asks, in KiB with -k, or as "4.0K" with -h. -a shows
 * files too, -s only the total of each operand.
 *
 * The walk delivers a directory before and after its contents; the sums
 * being built are kept on a stack with one level per depth.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "cmd.h"
#include "file_alloc.h"
#include "file_human.h"
#include "file_inodes.h"
#include "file_walk.h"

#define DU_USAGE "[-a|-s] [-hkx] [-H|-L] [file...]"

struct du_ctx {
    bool all, summary, human, kibibytes;
    struct inode_set *seen;
    uintmax_t *sums; /* bytes, per depth */
    size_t depth_cap;
    int status;
};

static void print_usage_line(const struct du_ctx *ctx, uintmax_t bytes, const char *path)
{
    char text[HUMAN_SIZE_LEN];

    if (ctx->human)
        human_size(bytes, text);
    else
        snprintf(text, sizeof text, "%ju",
                 ctx->kibibytes ? (bytes + 1023) / 1024 : (bytes + 511) / 512);
    printf("%s\t%s\n", text, path);
}

/* True for a second name of a file with several links: it is not counted again. */
static bool counted_before(struct du_ctx *ctx, const struct stat *st)
{
    return st->st_nlink > 1 && !S_ISDIR(st->st_mode) &&
           !inode_set_add(ctx->seen, st->st_dev, st->st_ino, "", NULL);
}

static void ensure_depth(struct du_ctx *ctx, int depth)
{
    if ((size_t)depth + 1 >= ctx->depth_cap) {
        ctx->depth_cap = ((size_t)depth + 1) * 2;
        ctx->sums = xreallocarray(ctx->sums, ctx->depth_cap, sizeof *ctx->sums);
    }
}

/* Add to the parent's sum (nothing above a root). */
static void add_to_parent(struct du_ctx *ctx, int depth, uintmax_t bytes)
{
    if (depth > 0)
        ctx->sums[depth - 1] += bytes;
}

static enum walk_reply visit(const struct walk_entry *entry, void *opaque)
{
    struct du_ctx *ctx = opaque;
    uintmax_t bytes;

    ensure_depth(ctx, entry->depth);
    switch (entry->event) {
    case WALK_DIR_PRE:
        ctx->sums[entry->depth] = (uintmax_t)entry->st.st_blocks * 512;
        break;
    case WALK_DIR_POST:
        bytes = ctx->sums[entry->depth];
        if (!ctx->summary || entry->depth == 0)
            print_usage_line(ctx, bytes, entry->path);
        add_to_parent(ctx, entry->depth, bytes);
        break;
    case WALK_FILE:
        if (counted_before(ctx, &entry->st))
            break;
        bytes = (uintmax_t)entry->st.st_blocks * 512;
        if ((ctx->all && !ctx->summary) || entry->depth == 0)
            print_usage_line(ctx, bytes, entry->path);
        add_to_parent(ctx, entry->depth, bytes);
        break;
    case WALK_ERROR:
        errno = entry->err;
        cmd_warn("cannot %s '%s'", entry->has_stat ? "read directory" : "access", entry->path);
        ctx->status = 1;
        break;
    }
    return WALK_CONTINUE;
}

int main(int argc, char **argv)
{
    struct du_ctx ctx = { 0 };
    int opt, flags = WALK_SORTED;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "ahksxHL")) != -1) {
        switch (opt) {
        case 'a':
            ctx.all = true;
            break;
        case 's':
            ctx.summary = true;
            break;
        case 'h':
            ctx.human = true;
            break;
        case 'k':
            ctx.kibibytes = true;
            break;
        case 'x':
            flags |= WALK_XDEV;
            break;
        case 'H':
            flags = (flags & ~WALK_FOLLOW) | WALK_FOLLOW_ROOT;
            break;
        case 'L':
            flags = (flags & ~WALK_FOLLOW_ROOT) | WALK_FOLLOW;
            break;
        default:
            cmd_usage(DU_USAGE);
        }
    }
    if (ctx.all && ctx.summary)
        cmd_usage(DU_USAGE);
    ctx.seen = inode_set_new();
    if (optind == argc)
        walk_tree(".", flags, visit, &ctx);
    for (int i = optind; i < argc; i++)
        walk_tree(argv[i], flags, visit, &ctx);
    if (fflush(stdout) != 0)
        cmd_die(1, "write error");
    return ctx.status;
}
