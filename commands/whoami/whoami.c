/* whoami: the name of the effective user. */
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

#include "cmd.h"

int main(int argc, char **argv)
{
    struct passwd *pw;
    uid_t uid;

    cmd_setname(argv[0]);
    if (getopt(argc, argv, "") != -1 || optind != argc)
        cmd_usage("");
    uid = geteuid();
    pw = getpwuid(uid);
    if (!pw)
        cmd_diex(1, "cannot find a name for user ID %lu", (unsigned long)uid);
    printf("%s\n", pw->pw_name);
    return fflush(stdout) == 0 ? 0 : 1;
}
