/*
 * which: the path a command name would run, searched in $PATH. A name
 * with a slash is checked as it is. -a prints every match, not just the
 * first. Exit status 1 when any name was not found (nothing is printed
 * for it).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

static bool is_executable_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* Print the matches of name in path_list; true if there was one. */
static bool search(const char *name, const char *path_list, bool all)
{
    size_t nlen = strlen(name);
    bool found = false;
    const char *dir = path_list;

    for (;;) {
        const char *end = strchr(dir, ':');
        size_t dlen = end ? (size_t)(end - dir) : strlen(dir);
        char *candidate = malloc(dlen + nlen + 3);
        if (!candidate)
            cmd_diex(1, "out of memory");
        /* An empty entry in PATH means the current directory. */
        if (dlen == 0)
            snprintf(candidate, nlen + 3, "./%s", name);
        else
            snprintf(candidate, dlen + nlen + 2, "%.*s/%s", (int)dlen, dir, name);
        if (is_executable_file(candidate)) {
            printf("%s\n", candidate);
            found = true;
        }
        free(candidate);
        if (!end || (found && !all))
            return found;
        dir = end + 1;
    }
}

int main(int argc, char **argv)
{
    const char *path = getenv("PATH");
    bool all = false;
    int opt, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "a")) != -1) {
        if (opt != 'a')
            cmd_usage("[-a] name...");
        all = true;
    }
    if (optind == argc)
        cmd_usage("[-a] name...");
    if (!path)
        path = "/bin:/usr/bin";
    for (int i = optind; i < argc; i++) {
        bool found;
        if (strchr(argv[i], '/')) {
            found = is_executable_file(argv[i]);
            if (found)
                printf("%s\n", argv[i]);
        } else {
            found = argv[i][0] != '\0' && search(argv[i], path, all);
        }
        if (!found)
            status = 1;
    }
    return fflush(stdout) == 0 ? status : 1;
}
