/*
 * env: run a command in a changed environment, or print the environment.
 * -i starts from an empty one, -u NAME removes a variable, NAME=value
 * operands set them. Exit status 126 when the command cannot be run, 127
 * when it is not found.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

#define ENV_USAGE "[-i] [-u name] [name=value...] [utility [argument...]]"

extern char **environ;

int main(int argc, char **argv)
{
    static char *empty[] = { NULL };
    int opt, i;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "+iu:")) != -1) {
        switch (opt) {
        case 'i':
            environ = empty;
            break;
        case 'u':
            if (unsetenv(optarg) != 0)
                cmd_die(125, "cannot unset '%s'", optarg);
            break;
        default:
            cmd_usage(ENV_USAGE);
        }
    }
    i = optind;
    /* "-" alone is the old spelling of -i. */
    if (i < argc && strcmp(argv[i], "-") == 0) {
        environ = empty;
        i++;
    }
    for (; i < argc && strchr(argv[i], '=') && argv[i][0] != '='; i++)
        if (putenv(argv[i]) != 0)
            cmd_die(125, "cannot set '%s'", argv[i]);
    if (i == argc) {
        for (char **e = environ; *e; e++)
            printf("%s\n", *e);
        return fflush(stdout) == 0 ? 0 : 1;
    }
    execvp(argv[i], argv + i);
    int err = errno;
    cmd_warn("'%s'", argv[i]);
    return err == ENOENT ? 127 : 126;
}
