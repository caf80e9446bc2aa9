/*
 * getopt() as POSIX specifies it, in place of newlib's GNU-style one.
 * newlib's takes a lone "-" for an option (so `cat -` fails) and moves
 * operands after options unless POSIXLY_CORRECT is set (so `rm -- -f x`
 * and `ls dir -l` do what GNU does, not what POSIX says). Here options end
 * at the first operand, at "-" (an operand: standard input) and after
 * "--". Setting optind to 0 or 1 starts a new scan. GNU's leading '+' in
 * optstring (stop at the first operand) is what happens anyway: skipped.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;

static const char *next_char; /* the rest of a group of options, as in -abc */
static int scanned_ind;       /* the optind next_char belongs to */

/* A diagnostic, unless the caller asked for silence (opterr 0 or ':'). */
static void complain(const char *name, const char *optstring, const char *what, int c)
{
    if (opterr && optstring[0] != ':')
        fprintf(stderr, "%s: %s -- %c\n", name, what, c);
}

int getopt(int argc, char *const argv[], const char *optstring)
{
    const char *spec;
    int c;

    if (optstring[0] == '+')
        optstring++;
    if (optind == 0)
        optind = 1;
    optarg = NULL;
    if (!next_char || !*next_char || scanned_ind != optind) {
        const char *arg = optind < argc ? argv[optind] : NULL;

        if (!arg || arg[0] != '-' || arg[1] == '\0')
            return -1;
        if (strcmp(arg, "--") == 0) {
            optind++;
            return -1;
        }
        next_char = arg + 1;
        scanned_ind = optind;
    }
    c = (unsigned char)*next_char++;
    spec = c == ':' ? NULL : strchr(optstring, c);
    if (!spec) {
        optopt = c;
        complain(argv[0], optstring, "illegal option", c);
        if (!*next_char)
            optind++;
        return '?';
    }
    if (spec[1] != ':') {
        if (!*next_char)
            optind++;
        return c;
    }
    if (*next_char) { /* -ovalue */
        optarg = (char *)next_char;
        optind++;
    } else if (optind + 1 < argc) { /* -o value */
        optarg = argv[optind + 1];
        optind += 2;
    } else {
        optopt = c;
        optind++;
        next_char = NULL;
        complain(argv[0], optstring, "option requires an argument", c);
        return optstring[0] == ':' ? ':' : '?';
    }
    next_char = NULL;
    return c;
}
