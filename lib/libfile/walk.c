/*
 * Tree walking. Each directory is read whole with dir_list() and closed
 * before its entries are visited: a walk holds no file descriptors, and a
 * visitor may rename or remove what it has been shown. The recursion keeps
 * one frame per level, which lets a directory be recognised when it is its
 * own ancestor (possible with WALK_FOLLOW or bind mounts).
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "file_alloc.h"
#include "file_walk.h"

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void names_add(struct dir_names *out, size_t *capacity, const char *name)
{
    if (out->count == *capacity) {
        *capacity = *capacity ? *capacity * 2 : 16;
        out->names = xreallocarray(out->names, *capacity, sizeof *out->names);
    }
    out->names[out->count++] = xstrdup(name);
}

int dir_list(const char *path, bool sorted, struct dir_names *out)
{
    size_t capacity = 0;
    struct dirent *ent;
    DIR *dir;
    int err;

    out->names = NULL;
    out->count = 0;
    dir = opendir(path);
    if (!dir)
        return -errno;
    for (;;) {
        errno = 0;
        ent = readdir(dir);
        if (!ent)
            break;
        if (strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0)
            names_add(out, &capacity, ent->d_name);
    }
    err = errno;
    closedir(dir);
    if (err) {
        dir_names_free(out);
        return -err;
    }
    if (sorted && out->count > 1)
        qsort(out->names, out->count, sizeof *out->names, compare_names);
    return 0;
}

void dir_names_free(struct dir_names *names)
{
    for (size_t i = 0; i < names->count; i++)
        free(names->names[i]);
    free(names->names);
    names->names = NULL;
    names->count = 0;
}

/* One directory being walked, linked to its parent's frame. */
struct walk_frame {
    dev_t dev;
    ino_t ino;
    const struct walk_frame *up;
};

struct walk_state {
    int flags;
    walk_visitor visit;
    void *ctx;
    char *path; /* grows as the walk goes down */
    size_t cap;
    dev_t root_dev;
};

static bool is_ancestor(const struct walk_frame *frame, const struct stat *st)
{
    for (; frame; frame = frame->up)
        if (frame->dev == st->st_dev && frame->ino == st->st_ino)
            return true;
    return false;
}

/* stat or lstat as the flags ask; a link that cannot be followed stays a link. */
static int walk_stat(const struct walk_state *ws, const char *path, int depth, struct stat *st)
{
    bool follow = (ws->flags & WALK_FOLLOW) || (depth == 0 && (ws->flags & WALK_FOLLOW_ROOT));

    if (follow && stat(path, st) == 0)
        return 0;
    return lstat(path, st) == 0 ? 0 : -errno;
}

/* Append "/name" to the path; return the old length to cut back to. */
static size_t path_push(struct walk_state *ws, const char *name)
{
    size_t len = strlen(ws->path), nlen = strlen(name);
    bool slash = len > 0 && ws->path[len - 1] != '/';

    if (len + slash + nlen + 1 > ws->cap) {
        ws->cap = (len + slash + nlen + 1) * 2;
        ws->path = xrealloc(ws->path, ws->cap);
    }
    if (slash)
        ws->path[len] = '/';
    memcpy(ws->path + len + slash, name, nlen + 1);
    return len;
}

static enum walk_reply walk_node(struct walk_state *ws, struct walk_entry *entry,
                                 const struct walk_frame *up);

/* Visit the entries of the directory at ws->path. */
static enum walk_reply walk_entries(struct walk_state *ws, struct walk_entry *entry,
                                    const struct walk_frame *up)
{
    struct walk_frame frame = { entry->st.st_dev, entry->st.st_ino, up };
    enum walk_reply reply = WALK_CONTINUE;
    struct dir_names names;
    int err = dir_list(ws->path, ws->flags & WALK_SORTED, &names);

    if (err) {
        entry->event = WALK_ERROR;
        entry->err = -err;
        return ws->visit(entry, ws->ctx) == WALK_STOP ? WALK_STOP : WALK_CONTINUE;
    }
    for (size_t i = 0; i < names.count && reply != WALK_STOP; i++) {
        size_t old_len = path_push(ws, names.names[i]);
        struct walk_entry child = { .path = ws->path, .depth = entry->depth + 1 };

        child.name = ws->path + old_len + (ws->path[old_len] == '/');
        reply = walk_node(ws, &child, &frame);
        ws->path[old_len] = '\0';
    }
    dir_names_free(&names);
    return reply;
}

static enum walk_reply walk_dir(struct walk_state *ws, struct walk_entry *entry,
                                const struct walk_frame *up)
{
    enum walk_reply reply;

    if (is_ancestor(up, &entry->st)) {
        entry->event = WALK_ERROR;
        entry->err = ELOOP;
        return ws->visit(entry, ws->ctx) == WALK_STOP ? WALK_STOP : WALK_CONTINUE;
    }
    entry->event = WALK_DIR_PRE;
    reply = ws->visit(entry, ws->ctx);
    if (reply != WALK_CONTINUE)
        return reply == WALK_STOP ? WALK_STOP : WALK_CONTINUE;
    /* With WALK_XDEV, a directory on another file system is shown, not entered. */
    bool enter = !(ws->flags & WALK_XDEV) || entry->st.st_dev == ws->root_dev;
    size_t name_offset = (size_t)(entry->name - entry->path);
    if (enter && walk_entries(ws, entry, up) == WALK_STOP)
        return WALK_STOP;
    /* The path buffer may have moved while the entries were visited. */
    entry->path = ws->path;
    entry->name = ws->path + name_offset;
    entry->event = WALK_DIR_POST;
    entry->err = 0;
    return ws->visit(entry, ws->ctx) == WALK_STOP ? WALK_STOP : WALK_CONTINUE;
}

static enum walk_reply walk_node(struct walk_state *ws, struct walk_entry *entry,
                                 const struct walk_frame *up)
{
    int err = walk_stat(ws, entry->path, entry->depth, &entry->st);

    if (err) {
        entry->event = WALK_ERROR;
        entry->err = -err;
        entry->has_stat = false;
        return ws->visit(entry, ws->ctx) == WALK_STOP ? WALK_STOP : WALK_CONTINUE;
    }
    entry->has_stat = true;
    if (S_ISDIR(entry->st.st_mode))
        return walk_dir(ws, entry, up);
    entry->event = WALK_FILE;
    return ws->visit(entry, ws->ctx) == WALK_STOP ? WALK_STOP : WALK_CONTINUE;
}

/* Where the last component of path starts. */
static size_t last_component(const char *path)
{
    size_t end = strlen(path), start;

    while (end > 1 && path[end - 1] == '/')
        end--;
    start = end;
    while (start > 0 && path[start - 1] != '/')
        start--;
    return start == end && end > 0 ? end - 1 : start;
}

bool walk_tree(const char *root, int flags, walk_visitor visit, void *ctx)
{
    struct walk_state ws = { .flags = flags, .visit = visit, .ctx = ctx };
    struct walk_entry entry = { .depth = 0 };
    struct stat st;
    enum walk_reply reply;

    ws.cap = strlen(root) + 256;
    ws.path = xmalloc(ws.cap);
    strcpy(ws.path, root);
    ws.root_dev = walk_stat(&ws, root, 0, &st) == 0 ? st.st_dev : 0;
    entry.path = ws.path;
    entry.name = ws.path + last_component(root);
    reply = walk_node(&ws, &entry, NULL);
    free(ws.path);
    return reply == WALK_STOP;
}
