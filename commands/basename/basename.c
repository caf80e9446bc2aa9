/* basename: the last component of a path, without a suffix if given. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "file_path.h"

int main(int argc, char **argv)
{
    char *last;

    cmd_setname(argv[0]);
    if (getopt(argc, argv, "") != -1)
        cmd_usage("string [suffix]");
    argc -= optind;
    argv += optind;
    if (argc < 1 || argc > 2)
        cmd_usage("string [suffix]");

    last = path_last(argv[0]);
    if (argc == 2) {
        size_t len = strlen(last), slen = strlen(argv[1]);
        /* The suffix goes only when something is left and it is not a slash. */
        if (slen < len && strcmp(last + len - slen, argv[1]) == 0)
            last[len - slen] = '\0';
    }
    printf("%s\n", last);
    return fflush(stdout) == 0 ? 0 : 1;
}
