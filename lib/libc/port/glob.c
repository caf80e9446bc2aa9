/*
 * glob(): expand a shell pattern into the path names that match it.
 *
 * The pattern is taken one '/'-separated component at a time. A component
 * without wildcards is appended to the path as it stands (backslashes
 * removed); one with wildcards is matched with fnmatch() against each
 * entry of the directory reached so far, and the expansion goes on from
 * every entry that matches. A path found this way is added once the
 * pattern is used up, if it exists (and is a directory when the pattern
 * ends in '/'). The paths of one call are sorted with strcmp() unless
 * GLOB_NOSORT, then appended to pglob.
 *
 * This file includes its headers by path, so that the host's unit tests,
 * built against glibc's headers, see Ember's glob_t and flags.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../include/fnmatch.h"
#include "../include/glob.h"

/*
 * Ember's <dirent.h> comes with the POSIX layer in lib/libc/include; until
 * it is there, newlib's stands in and stops the build with #error. Without
 * it glob() still expands patterns without wildcards, and reports a
 * directory it would have to read to errfunc as ENOSYS. (The paths below
 * climb out to lib/ so that they cannot also resolve inside newlib's tree
 * through the -isystem directories.)
 */
#if defined(__ember__) && !__has_include("../../libc/include/dirent.h") &&                         \
                                         !__has_include("../../libc/include/sys/dirent.h")
#define GLOB_HAVE_DIRENT 0
#else
#define GLOB_HAVE_DIRENT 1
#include <dirent.h>
#endif

struct glob_ctx {
    int flags;
    int (*errfunc)(const char *, int);
    char **found; /* the paths of this call */
    size_t count, cap;
};

/* A path being built, with room to grow. */
struct glob_path {
    char *text;
    size_t len, cap;
};

static int path_append(struct glob_path *path, const char *s, size_t len)
{
    if (path->len + len + 1 > path->cap) {
        size_t cap = (path->len + len + 1) * 2;
        char *grown = realloc(path->text, cap);
        if (!grown)
            return GLOB_NOSPACE;
        path->text = grown;
        path->cap = cap;
    }
    memcpy(path->text + path->len, s, len);
    path->len += len;
    path->text[path->len] = '\0';
    return 0;
}

static int add_found(struct glob_ctx *ctx, const char *path, bool mark)
{
    size_t len = strlen(path);
    char *copy;

    if (ctx->count == ctx->cap) {
        size_t cap = ctx->cap ? ctx->cap * 2 : 16;
        char **grown = realloc(ctx->found, cap * sizeof *grown);
        if (!grown)
            return GLOB_NOSPACE;
        ctx->found = grown;
        ctx->cap = cap;
    }
    copy = malloc(len + 2);
    if (!copy)
        return GLOB_NOSPACE;
    memcpy(copy, path, len + 1);
    if (mark && (len == 0 || path[len - 1] != '/'))
        strcpy(copy + len, "/");
    ctx->found[ctx->count++] = copy;
    return 0;
}

/* True when the component [s, s+len) has an unescaped wildcard. */
static bool has_wildcard(const char *s, size_t len, int flags)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < len)
            i++;
        else if (s[i] == '*' || s[i] == '?' || s[i] == '[')
            return true;
    }
    return false;
}

/* Append a component without wildcards, its backslashes removed. */
static int append_literal(struct glob_path *path, const char *s, size_t len, int flags)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < len)
            i++;
        int rc = path_append(path, s + i, 1);
        if (rc)
            return rc;
    }
    return 0;
}

/* The pattern is used up: add the path if it names something. */
static int finish_path(struct glob_ctx *ctx, const struct glob_path *path)
{
    struct stat st;
    bool want_dir = path->len > 0 && path->text[path->len - 1] == '/';

    if (fstatat(AT_FDCWD, path->text, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return 0;
    bool is_dir = S_ISDIR(st.st_mode) || (stat(path->text, &st) == 0 && S_ISDIR(st.st_mode));
    if (want_dir && !is_dir)
        return 0;
    return add_found(ctx, path->text, (ctx->flags & GLOB_MARK) && is_dir);
}

/* A directory that cannot be read: tell errfunc; GLOB_ABORTED to stop. */
static int directory_error(struct glob_ctx *ctx, const char *dir, int err)
{
    if (err == ENOENT || err == ENOTDIR)
        return 0;
    if ((ctx->errfunc && ctx->errfunc(dir, err) != 0) || (ctx->flags & GLOB_ERR))
        return GLOB_ABORTED;
    return 0;
}

static int expand(struct glob_ctx *ctx, struct glob_path *path, const char *rest);

#if GLOB_HAVE_DIRENT
/* Match the wildcard component [comp, comp+len) in the directory at path. */
static int expand_directory(struct glob_ctx *ctx, struct glob_path *path, const char *comp,
                            size_t len, const char *rest)
{
    int fnflags = FNM_PERIOD | ((ctx->flags & GLOB_NOESCAPE) ? FNM_NOESCAPE : 0);
    size_t base = path->len;
    char *pattern = malloc(len + 1);
    DIR *dir;
    int rc = 0;

    if (!pattern)
        return GLOB_NOSPACE;
    memcpy(pattern, comp, len);
    pattern[len] = '\0';
    dir = opendir(base ? path->text : ".");
    if (!dir) {
        rc = directory_error(ctx, base ? path->text : ".", errno);
        free(pattern);
        return rc;
    }
    for (struct dirent *ent; rc == 0 && (ent = readdir(dir)) != NULL;) {
        if (fnmatch(pattern, ent->d_name, fnflags) != 0)
            continue;
        rc = path_append(path, ent->d_name, strlen(ent->d_name));
        if (rc == 0)
            rc = expand(ctx, path, rest);
        path->len = base;
        path->text[base] = '\0';
    }
    closedir(dir);
    free(pattern);
    return rc;
}
#else
static int expand_directory(struct glob_ctx *ctx, struct glob_path *path, const char *comp,
                            size_t len, const char *rest)
{
    (void)comp, (void)len, (void)rest;
    return directory_error(ctx, path->len ? path->text : ".", ENOSYS);
}
#endif

/* Expand the pattern rest after the path built so far. */
static int expand(struct glob_ctx *ctx, struct glob_path *path, const char *rest)
{
    size_t slashes = strspn(rest, "/");
    size_t base = path->len;
    int rc = path_append(path, rest, slashes);

    rest += slashes;
    if (rc == 0 && *rest == '\0')
        rc = finish_path(ctx, path);
    else if (rc == 0) {
        size_t len = strcspn(rest, "/");
        if (has_wildcard(rest, len, ctx->flags))
            rc = expand_directory(ctx, path, rest, len, rest + len);
        else if ((rc = append_literal(path, rest, len, ctx->flags)) == 0)
            rc = expand(ctx, path, rest + len);
    }
    path->len = base;
    if (path->text)
        path->text[base] = '\0';
    return rc;
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append the paths of this call to pglob (which owns them afterwards). */
static int append_results(struct glob_ctx *ctx, glob_t *pglob)
{
    size_t offs = (ctx->flags & GLOB_DOOFFS) ? pglob->gl_offs : 0;
    size_t old = pglob->gl_pathv ? pglob->gl_pathc : 0;
    char **pathv = realloc(pglob->gl_pathv, (offs + old + ctx->count + 1) * sizeof *pathv);

    if (!pathv)
        return GLOB_NOSPACE;
    if (!pglob->gl_pathv)
        for (size_t i = 0; i < offs; i++)
            pathv[i] = NULL;
    memcpy(pathv + offs + old, ctx->found, ctx->count * sizeof *pathv);
    pathv[offs + old + ctx->count] = NULL;
    pglob->gl_pathv = pathv;
    pglob->gl_pathc = old + ctx->count;
    return 0;
}

int glob(const char *pattern, int flags, int (*errfunc)(const char *epath, int eerrno),
         glob_t *pglob)
{
    struct glob_ctx ctx = { .flags = flags, .errfunc = errfunc };
    struct glob_path path = { 0 };
    int rc;

    if (!(flags & GLOB_APPEND)) {
        pglob->gl_pathc = 0;
        pglob->gl_pathv = NULL;
        if (!(flags & GLOB_DOOFFS))
            pglob->gl_offs = 0;
    }
    rc = path_append(&path, "", 0);
    if (rc == 0)
        rc = expand(&ctx, &path, pattern);
    free(path.text);
    if (rc == 0 && ctx.count == 0) {
        if (flags & GLOB_NOCHECK)
            rc = add_found(&ctx, pattern, false);
        else
            rc = GLOB_NOMATCH;
    }
    if (rc == 0 && !(flags & GLOB_NOSORT))
        qsort(ctx.found, ctx.count, sizeof *ctx.found, compare_paths);
    if (rc == 0)
        rc = append_results(&ctx, pglob);
    if (rc != 0)
        for (size_t i = 0; i < ctx.count; i++)
            free(ctx.found[i]);
    free(ctx.found);
    return rc;
}

void globfree(glob_t *pglob)
{
    if (!pglob->gl_pathv)
        return;
    for (size_t i = 0; i < pglob->gl_pathc; i++)
        free(pglob->gl_pathv[pglob->gl_offs + i]);
    free(pglob->gl_pathv);
    pglob->gl_pathv = NULL;
    pglob->gl_pathc = 0;
}
