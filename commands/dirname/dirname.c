/* dirname: everything but the last component of a path. */
#include <stdio.h>
#include <unistd.h>

#include "cmd.h"
#include "file_path.h"

int main(int argc, char **argv)
{
    cmd_setname(argv[0]);
    if (getopt(argc, argv, "") != -1 || argc - optind != 1)
        cmd_usage("string");
    printf("%s\n", path_parent(argv[optind]));
    return fflush(stdout) == 0 ? 0 : 1;
}
