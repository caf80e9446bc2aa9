/* The option table behind set, sh's command line and $-. */
#include <stdio.h>
#include <string.h>

#include "jobs.h"
#include "options.h"

struct options opt;

struct option_desc {
    char letter; /* 0 for options that only have a -o name */
    const char *name;
    bool *flag;
};

static const struct option_desc option_table[] = {
    { 'a', "allexport", &opt.allexport },     { 'b', "notify", &opt.notify },
    { 'C', "noclobber", &opt.noclobber },     { 'e', "errexit", &opt.errexit },
    { 'f', "noglob", &opt.noglob },           { 'h', "hashall", &opt.hashall },
    { 'i', "interactive", &opt.interactive }, { 'm', "monitor", &opt.monitor },
    { 'n', "noexec", &opt.noexec },           { 's', "stdin", &opt.stdin_input },
    { 'u', "nounset", &opt.nounset },         { 'v', "verbose", &opt.verbose },
    { 'x', "xtrace", &opt.xtrace },           { 0, "emacs", &opt.emacs },
    { 0, "ignoreeof", &opt.ignoreeof },       { 0, "nolog", &opt.nolog },
    { 0, "pipefail", &opt.pipefail },         { 0, "vi", &opt.vi },
};

#define NOPTIONS (sizeof option_table / sizeof option_table[0])

static void option_apply(const struct option_desc *d, bool on)
{
    if (d->flag == &opt.monitor) {
        jobs_set_control(on);
        return;
    }
    *d->flag = on;
    if (on && d->flag == &opt.emacs)
        opt.vi = false;
    if (on && d->flag == &opt.vi)
        opt.emacs = false;
}

int option_set_letter(char letter, bool on)
{
    for (size_t i = 0; i < NOPTIONS; i++) {
        if (option_table[i].letter && option_table[i].letter == letter) {
            option_apply(&option_table[i], on);
            return 0;
        }
    }
    return -1;
}

int option_set_name(const char *name, bool on)
{
    for (size_t i = 0; i < NOPTIONS; i++) {
        if (strcmp(option_table[i].name, name) == 0) {
            option_apply(&option_table[i], on);
            return 0;
        }
    }
    return -1;
}

void options_print(bool as_commands)
{
    for (size_t i = 0; i < NOPTIONS; i++) {
        const struct option_desc *d = &option_table[i];

        if (as_commands)
            printf("set %co %s\n", *d->flag ? '-' : '+', d->name);
        else
            printf("%-15s %s\n", d->name, *d->flag ? "on" : "off");
    }
}

void options_letters(char *buf, int size)
{
    int n = 0;

    for (size_t i = 0; i < NOPTIONS && n < size - 1; i++) {
        if (option_table[i].letter && *option_table[i].flag)
            buf[n++] = option_table[i].letter;
    }
    buf[n] = '\0';
}
