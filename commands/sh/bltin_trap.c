/* trap: set, reset and list the actions for signals and EXIT. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "error.h"
#include "trap.h"

static bool is_unsigned_number(const char *s)
{
    return *s && strspn(s, "0123456789") == strlen(s);
}

int bi_trap(int argc, char **argv)
{
    const char *action;
    int i = 1, status = 0;

    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i >= argc || (strcmp(argv[i], "-p") == 0 && i + 1 == argc)) {
        trap_print();
        return 0;
    }
    if (strcmp(argv[i], "-l") == 0) {
        signal_list();
        return 0;
    }
    action = argv[i];
    if (i + 1 == argc || is_unsigned_number(action)) {
        action = NULL; /* trap N...: reset each condition */
    } else {
        i++;
        if (strcmp(action, "-") == 0)
            action = NULL;
    }
    for (; i < argc; i++) {
        int sig = signal_number(argv[i]);

        if (sig < 0 || trap_set(sig, action) < 0) {
            sh_error("trap: %s: bad signal", argv[i]);
            status = builtin_error(1);
        }
    }
    return status;
}
