/* Path name helpers; see file_path.h. */
#include <stdlib.h>
#include <string.h>

#include "file_alloc.h"
#include "file_path.h"

char *path_join(const char *dir, const char *name)
{
    size_t dlen = strlen(dir), nlen = strlen(name);
    bool slash = dlen > 0 && dir[dlen - 1] != '/';
    char *joined = xmalloc(dlen + slash + nlen + 1);

    memcpy(joined, dir, dlen);
    if (slash)
        joined[dlen] = '/';
    memcpy(joined + dlen + slash, name, nlen + 1);
    return joined;
}

char *path_last(const char *path)
{
    size_t end = strlen(path), start;
    char *last;

    while (end > 1 && path[end - 1] == '/')
        end--;
    start = end;
    while (start > 0 && path[start - 1] != '/')
        start--;
    if (start == end && end > 0) /* only slashes */
        start = end - 1;
    last = xmalloc(end - start + 1);
    memcpy(last, path + start, end - start);
    last[end - start] = '\0';
    return last;
}

bool path_is_dot_or_dotdot(const char *path)
{
    char *last = path_last(path);
    bool dots = strcmp(last, ".") == 0 || strcmp(last, "..") == 0;

    free(last);
    return dots;
}

char *path_parent(const char *path)
{
    size_t end = strlen(path);

    while (end > 1 && path[end - 1] == '/')
        end--;
    while (end > 0 && path[end - 1] != '/')
        end--;
    while (end > 1 && path[end - 1] == '/')
        end--;
    if (end == 0)
        return xstrdup(".");
    char *parent = xmalloc(end + 1);
    memcpy(parent, path, end);
    parent[end] = '\0';
    return parent;
}

bool path_within(const char *path, const struct stat *dir)
{
    struct stat st, root;
    char *cur = xstrdup(path);
    bool within = false;

    if (stat("/", &root) != 0)
        root.st_ino = 0;
    /* Up from path to the root; give up after a depth no tree reaches. */
    for (int depth = 0; depth < 4096; depth++) {
        if (stat(cur, &st) == 0) {
            if (st.st_dev == dir->st_dev && st.st_ino == dir->st_ino) {
                within = true;
                break;
            }
            if (st.st_dev == root.st_dev && st.st_ino == root.st_ino)
                break;
            char *up = path_join(cur, "..");
            free(cur);
            cur = up;
        } else {
            char *parent = path_parent(cur);
            free(cur);
            cur = parent;
        }
    }
    free(cur);
    return within;
}
