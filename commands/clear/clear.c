/*
 * clear: clear the terminal screen. Ember's consoles and the terminals
 * people connect with all speak ANSI, so this sends cursor-home and
 * erase-display rather than consulting a terminal database.
 */
#include <stdio.h>
#include <unistd.h>

#include "cmd.h"

int main(int argc, char **argv)
{
    cmd_setname(argv[0]);
    if (getopt(argc, argv, "") != -1 || optind != argc)
        cmd_usage("");
    fputs("\033[H\033[2J", stdout);
    return fflush(stdout) == 0 ? 0 : 1;
}
