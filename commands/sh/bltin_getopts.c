/*
 * getopts: one option per call. OPTIND names the next argument; the
 * position inside a group like -abc is kept here and forgotten whenever
 * OPTIND is assigned by anyone but getopts itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "cmd.h"
#include "error.h"
#include "var.h"

static int next_char; /* inside argument OPTIND; 0: at its start */
static bool setting_optind;

void getopts_reset(void)
{
    if (!setting_optind)
        next_char = 0;
}

static void set_optind(int optind)
{
    setting_optind = true;
    var_set_int("OPTIND", optind);
    setting_optind = false;
}

static int set_result(const char *name, char c, const char *optarg)
{
    char value[2] = { c, '\0' };

    if (optarg)
        var_set("OPTARG", optarg, 0);
    else
        var_unset("OPTARG");
    return var_set(name, value, 0) < 0 ? 2 : 0;
}

struct getopts_state {
    const char *optstring;
    bool silent;
    char **args;
    int nargs;
    int optind;
};

/* An option that takes an argument: the rest of this word or the next. */
static int take_argument(struct getopts_state *g, const char *name, char c, const char *arg)
{
    if (next_char) {
        const char *value = arg + next_char;

        next_char = 0;
        g->optind++;
        return set_result(name, c, value);
    }
    if (g->optind <= g->nargs)
        return set_result(name, c, g->args[g->optind++ - 1]);
    if (g->silent) {
        char opt[2] = { c, '\0' };

        return set_result(name, ':', opt);
    }
    fprintf(stderr, "%s: option requires an argument -- %c\n", cmd_name, c);
    return set_result(name, '?', NULL);
}

static int next_option(struct getopts_state *g, const char *name)
{
    const char *arg, *spec;
    char c;

    if (next_char == 0) {
        arg = g->optind <= g->nargs ? g->args[g->optind - 1] : NULL;
        if (!arg || arg[0] != '-' || !arg[1])
            return -1;
        if (strcmp(arg, "--") == 0) {
            g->optind++;
            return -1;
        }
        next_char = 1;
    }
    arg = g->args[g->optind - 1];
    c = arg[next_char++];
    if (!arg[next_char]) {
        next_char = 0;
        g->optind++;
    }
    spec = c == ':' ? NULL : strchr(g->optstring, c);
    if (!spec) {
        char opt[2] = { c, '\0' };

        if (g->silent)
            return set_result(name, '?', opt);
        fprintf(stderr, "%s: illegal option -- %c\n", cmd_name, c);
        return set_result(name, '?', NULL);
    }
    if (spec[1] == ':')
        return take_argument(g, name, c, arg);
    return set_result(name, c, NULL);
}

int bi_getopts(int argc, char **argv)
{
    struct getopts_state g;
    const char *optind_value = var_get("OPTIND");
    int r;

    if (argc < 3) {
        sh_error("getopts: usage: getopts optstring name [arg...]");
        return 2;
    }
    g.optstring = argv[1];
    g.silent = argv[1][0] == ':';
    g.args = argc > 3 ? argv + 3 : posparams.values;
    g.nargs = argc > 3 ? argc - 3 : posparams.count;
    g.optind = optind_value ? atoi(optind_value) : 1;
    if (g.optind < 1) {
        g.optind = 1;
        next_char = 0;
    }
    if (next_char && (g.optind > g.nargs || (size_t)next_char >= strlen(g.args[g.optind - 1])))
        next_char = 0;
    r = next_option(&g, argv[2]);
    set_optind(g.optind);
    if (r < 0) {
        next_char = 0;
        set_result(argv[2], '?', NULL);
        return 1;
    }
    return r;
}
