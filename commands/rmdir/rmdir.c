/*
 * rmdir: remove empty directories. With -p, each operand's parents are
 * removed after it, as long as they become empty ("a/b/c", "a/b", "a").
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "file_alloc.h"

/* Cut the last component (and the slashes before it) off path; false at the top. */
static bool strip_last(char *path)
{
    size_t end = strlen(path);

    while (end > 0 && path[end - 1] == '/')
        end--;
    while (end > 0 && path[end - 1] != '/')
        end--;
    while (end > 0 && path[end - 1] == '/')
        end--;
    path[end] = '\0';
    return end > 0;
}

static int remove_dir(const char *path, bool parents)
{
    char *cur;

    if (rmdir(path) != 0) {
        cmd_warn("cannot remove '%s'", path);
        return 1;
    }
    if (!parents)
        return 0;
    cur = xstrdup(path);
    while (strip_last(cur)) {
        if (rmdir(cur) != 0) {
            cmd_warn("cannot remove '%s'", cur);
            free(cur);
            return 1;
        }
    }
    free(cur);
    return 0;
}

int main(int argc, char **argv)
{
    bool parents = false;
    int opt, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "p")) != -1) {
        if (opt != 'p')
            cmd_usage("[-p] dir...");
        parents = true;
    }
    if (optind == argc)
        cmd_usage("[-p] dir...");
    for (int i = optind; i < argc; i++)
        status |= remove_dir(argv[i], parents);
    return status;
}
