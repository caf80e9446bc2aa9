/*
 * pwd: the working directory. With -L (the default) that is $PWD when it
 * is an absolute name of the current directory without "." or ".."
 * components, so that paths through symbolic links are kept; otherwise,
 * and with -P, the physical path from getcwd().
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

/* True when pwd names the current directory the way -L may print it. */
static bool logical_pwd_usable(const char *pwd)
{
    struct stat named, here;

    if (!pwd || pwd[0] != '/')
        return false;
    for (const char *p = pwd; *p; p++) {
        if (p[0] != '/' || p[1] != '.')
            continue;
        if (p[2] == '/' || p[2] == '\0' || (p[2] == '.' && (p[3] == '/' || p[3] == '\0')))
            return false;
    }
    if (stat(pwd, &named) != 0 || stat(".", &here) != 0)
        return false;
    return named.st_dev == here.st_dev && named.st_ino == here.st_ino;
}

/* getcwd() into a buffer grown as needed, in new memory. */
static char *physical_pwd(void)
{
    for (size_t size = 256;; size *= 2) {
        char *buf = malloc(size);
        if (!buf)
            cmd_diex(1, "out of memory");
        if (getcwd(buf, size))
            return buf;
        free(buf);
        if (errno != ERANGE)
            cmd_die(1, "cannot get the current directory");
    }
}

int main(int argc, char **argv)
{
    bool logical = true;
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "LP")) != -1) {
        if (opt == 'L')
            logical = true;
        else if (opt == 'P')
            logical = false;
        else
            cmd_usage("[-L|-P]");
    }
    if (optind != argc)
        cmd_usage("[-L|-P]");

    const char *pwd = getenv("PWD");
    if (logical && logical_pwd_usable(pwd))
        printf("%s\n", pwd);
    else
        printf("%s\n", physical_pwd());
    return fflush(stdout) == 0 ? 0 : 1;
}
