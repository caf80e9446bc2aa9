/* sync: write all buffered file system data to the disks. */
#include <unistd.h>

#include "cmd.h"

int main(int argc, char **argv)
{
    cmd_setname(argv[0]);
    if (getopt(argc, argv, "") != -1 || optind != argc)
        cmd_usage("");
    sync();
    return 0;
}
