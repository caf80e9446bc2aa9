/* set: options and positional parameters. */
#include <stdio.h>
#include <string.h>

#include "builtin.h"
#include "error.h"
#include "options.h"
#include "var.h"

/* -o name / +o name, or the listings of -o and +o without a name. */
static int set_long_option(int argc, char **argv, int *i, bool on)
{
    if (*i + 1 >= argc || argv[*i + 1][0] == '-' || argv[*i + 1][0] == '+') {
        options_print(!on);
        return 0;
    }
    (*i)++;
    if (option_set_name(argv[*i], on) < 0) {
        sh_error("set: %s: no such option", argv[*i]);
        return -1;
    }
    return 0;
}

/* One argument of letters like -eu or +x. */
static int set_letters(int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    bool on = arg[0] == '-';

    for (const char *c = arg + 1; *c; c++) {
        if (*c == 'o') {
            if (set_long_option(argc, argv, i, on) < 0)
                return -1;
        } else if (*c == 'i' || *c == 's' || option_set_letter(*c, on) < 0) {
            sh_error("set: %c%c: invalid option", arg[0], *c);
            return -1;
        }
    }
    return 0;
}

int bi_set(int argc, char **argv)
{
    int i;

    if (argc == 1) {
        var_print_all();
        return 0;
    }
    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];

        if (strcmp(arg, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(arg, "-") == 0) {
            option_set_letter('x', false);
            option_set_letter('v', false);
            i++;
            break;
        }
        if ((arg[0] != '-' && arg[0] != '+') || !arg[1])
            break;
        if (set_letters(argc, argv, &i) < 0)
            return builtin_error(2);
    }
    if (i < argc || strcmp(argv[i - 1], "--") == 0 || strcmp(argv[i - 1], "-") == 0)
        params_set(argc - i, argv + i);
    return 0;
}
