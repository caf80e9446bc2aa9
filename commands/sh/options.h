/* The shell's options: set -e, set -o pipefail, $- ... */
#ifndef SH_OPTIONS_H
#define SH_OPTIONS_H

#include <stdbool.h>

struct options {
    bool allexport;   /* -a */
    bool notify;      /* -b */
    bool noclobber;   /* -C */
    bool errexit;     /* -e */
    bool noglob;      /* -f */
    bool hashall;     /* -h (accepted; commands are not hashed) */
    bool interactive; /* -i */
    bool monitor;     /* -m: job control */
    bool noexec;      /* -n */
    bool stdin_input; /* -s */
    bool nounset;     /* -u */
    bool verbose;     /* -v */
    bool xtrace;      /* -x */
    bool ignoreeof;
    bool nolog;
    bool pipefail;
    bool emacs;
    bool vi;
};

extern struct options opt;

/* Set or clear the option with this letter; -1 if there is none. */
int option_set_letter(char letter, bool on);

/* Set or clear the option with this -o name; -1 if there is none. */
int option_set_name(const char *name, bool on);

/* set -o (a table) or set +o (commands that restore the settings). */
void options_print(bool as_commands);

/* $-: the letters of the options that are on. */
void options_letters(char *buf, int size);

#endif
