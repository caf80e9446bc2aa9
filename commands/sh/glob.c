/*
 * Pathname expansion: the pattern is cut at each '/', and the walk reads
 * only the directories whose component holds a pattern character; literal
 * components are appended and checked with lstat at the end. A name that
 * starts with '.' is matched only by a component that starts with a
 * literal '.', and "." and ".." are never matched.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "glob.h"
#include "pattern.h"

#define MAX_COMPONENTS 256

struct glob_walk {
    char **comps;
    int ncomps;
    struct fields *found;
};

static void walk(struct glob_walk *g, struct strbuf *path, int i);

static void found_path(struct glob_walk *g, const char *path)
{
    fields_add(g->found, xstrdup(path));
}

static bool path_exists(const char *path)
{
    struct stat st;

    return lstat(*path ? path : ".", &st) == 0;
}

/* Continue after component i matched: path holds the name so far. */
static void walk_next(struct glob_walk *g, struct strbuf *path, int i)
{
    size_t len = path->len;

    if (i + 1 == g->ncomps) {
        found_path(g, sb_str(path));
        return;
    }
    sb_addc(path, '/');
    walk(g, path, i + 1);
    path->len = len;
    path->buf[len] = '\0';
}

static bool hidden_allowed(const char *comp)
{
    return comp[0] == '.' || (comp[0] == '\\' && comp[1] == '.');
}

static void walk_dir(struct glob_walk *g, struct strbuf *path, int i)
{
    const char *comp = g->comps[i];
    DIR *dir = opendir(path->len ? sb_str(path) : ".");
    size_t len = path->len;
    struct dirent *ent;

    if (!dir)
        return;
    while ((ent = readdir(dir)) != NULL) {
        const char *name = ent->d_name;

        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
            continue;
        if (name[0] == '.' && !hidden_allowed(comp))
            continue;
        if (!pattern_match(comp, name))
            continue;
        sb_adds(path, name);
        walk_next(g, path, i);
        path->len = len;
        path->buf[len] = '\0';
    }
    closedir(dir);
}

static void walk(struct glob_walk *g, struct strbuf *path, int i)
{
    const char *comp = g->comps[i];
    size_t len = path->len;

    if (pattern_has_magic(comp)) {
        walk_dir(g, path, i);
        return;
    }
    for (const char *s = comp; *s; s++) {
        if (*s == '\\' && s[1])
            s++;
        sb_addc(path, *s);
    }
    if (i + 1 == g->ncomps) {
        if (path_exists(sb_str(path)))
            found_path(g, sb_str(path));
    } else {
        walk_next(g, path, i);
    }
    path->len = len;
    if (path->buf)
        path->buf[len] = '\0';
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Cut the pattern at each '/'; NULL if there are too many parts. */
static char **split_components(char *copy, int *count)
{
    char **comps = xmalloc(sizeof *comps * MAX_COMPONENTS);
    int n = 0;
    char *s = copy;

    for (;;) {
        char *slash = strchr(s, '/');

        if (n == MAX_COMPONENTS) {
            free(comps);
            return NULL;
        }
        comps[n++] = s;
        if (!slash)
            break;
        *slash = '\0';
        s = slash + 1;
    }
    *count = n;
    return comps;
}

int glob_expand(const char *pattern, struct fields *out)
{
    char *copy = xstrdup(pattern);
    struct fields found;
    struct glob_walk g;
    struct strbuf path;

    fields_init(&found);
    sb_init(&path);
    g.comps = split_components(copy, &g.ncomps);
    g.found = &found;
    if (g.comps)
        walk(&g, &path, 0);
    if (found.n > 1)
        qsort(found.v, (size_t)found.n, sizeof *found.v, compare_paths);
    for (int i = 0; i < found.n; i++)
        fields_add(out, found.v[i]);
    free(found.v);
    free(g.comps);
    free(copy);
    sb_free(&path);
    return found.n;
}
