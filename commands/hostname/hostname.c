/*
 * hostname: print or set the name of the system.
 *
 *   hostname [-s]      print it (-s: up to the first dot)
 *   hostname name      set it (root)
 *
 * On Ember the name lives in /etc/hostname (libc's gethostname() reads
 * it); setting it goes through sethostname().
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

#define NAME_LEN 256

int main(int argc, char **argv)
{
    char name[NAME_LEN];
    bool short_name = false;
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "s")) != -1) {
        if (opt != 's')
            cmd_usage("[-s] | name");
        short_name = true;
    }
    if (argc - optind > 1 || (short_name && optind != argc))
        cmd_usage("[-s] | name");
    if (optind < argc) {
        const char *new_name = argv[optind];
        if (!*new_name || strlen(new_name) >= NAME_LEN || strpbrk(new_name, " \t\n/"))
            cmd_diex(1, "'%s' is not a valid host name", new_name);
        if (sethostname(new_name, strlen(new_name)) < 0)
            cmd_die(1, "cannot set the host name to %s", new_name);
        return 0;
    }
    if (gethostname(name, sizeof(name)) < 0)
        cmd_die(1, "cannot get the host name");
    name[sizeof(name) - 1] = '\0';
    if (short_name)
        name[strcspn(name, ".")] = '\0';
    printf("%s\n", name);
    return fflush(stdout) == 0 ? 0 : 1;
}
