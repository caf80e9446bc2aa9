/*
 * su: run a shell as another user (root by default).
 *
 *   su [-] [-l] [-m | -p] [-c command] [-s shell] [user [argument...]]
 *
 * Root becomes anyone without a password; everyone else types the target
 * account's password ("Password: " on standard error, the echo off). The
 * shell is the account's, or -s SHELL; -c runs one command in it, and
 * further arguments go to the shell.
 *
 * The environment: with - or -l a fresh one (TERM kept) and the home
 * directory as working directory, and the shell runs as a login shell
 * ("-sh"); with -m or -p the caller's unchanged; by default the caller's
 * with HOME, SHELL, USER and LOGNAME of the target and, for root, its
 * PATH.
 *
 * Taking another identity needs root's rights: an ordinary user's su
 * works only from a set-user-id root file, which Ember's exec does not
 * honour yet; until then su says so.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account.h"
#include "cmd.h"
#include "passphrase.h"

#define SU_USAGE   "[-] [-l] [-m | -p] [-c command] [-s shell] [user [argument...]]"
#define FAIL_DELAY 2
#define MAX_ARGS   64

extern char **environ;

struct options {
    bool login;        /* - or -l */
    bool keep_env;     /* -m or -p */
    const char *cmd;   /* -c */
    const char *shell; /* -s */
    const char *user;
    char **args; /* for the shell */
    int nargs;
};

static void parse(int argc, char **argv, struct options *o)
{
    int opt;

    memset(o, 0, sizeof(*o));
    if (argc > 1 && strcmp(argv[1], "-") == 0) { /* "su - user": getopt() rejects "-" */
        o->login = true;
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    while ((opt = getopt(argc, argv, "lmpc:s:")) != -1) {
        switch (opt) {
        case 'l':
            o->login = true;
            break;
        case 'm':
        case 'p':
            o->keep_env = true;
            break;
        case 'c':
            o->cmd = optarg;
            break;
        case 's':
            o->shell = optarg;
            break;
        default:
            cmd_usage(SU_USAGE);
        }
    }
    if (optind < argc && strcmp(argv[optind], "-") == 0) {
        o->login = true;
        optind++;
    }
    o->user = optind < argc ? argv[optind++] : "root";
    o->args = argv + optind;
    o->nargs = argc - optind;
    if (o->nargs > MAX_ARGS)
        cmd_diex(2, "too many arguments");
}

/* Ask for the password unless root is asking or the account needs none. */
static void authenticate(const struct account *a)
{
    char password[FIELD_MAX];

    if (getuid() == 0 || account_passwordless(a))
        return;
    if (ask_line("Password: ", 2, true, password, sizeof(password)) < 0) {
        fputc('\n', stderr); /* no password at all (end of input) */
        cmd_diex(1, "Authentication failure");
    }
    bool ok = account_check(a, password);
    memset(password, 0, sizeof(password));
    if (!ok) {
        sleep(FAIL_DELAY);
        cmd_diex(1, "Authentication failure");
    }
}

static void set_environment(const struct account *a, const struct options *o, const char *shell)
{
    static char *empty[] = { NULL };
    char *term = getenv("TERM");
    bool set_path = o->login || a->uid == 0;

    if (o->keep_env)
        return;
    if (o->login) {
        term = term ? strdup(term) : NULL;
        environ = empty;
        if (term && setenv("TERM", term, 1) < 0)
            cmd_diex(1, "out of memory");
        free(term);
    }
    if (setenv("HOME", a->home[0] ? a->home : "/", 1) < 0 || setenv("SHELL", shell, 1) < 0 ||
        setenv("USER", a->name, 1) < 0 || setenv("LOGNAME", a->name, 1) < 0 ||
        (set_path && setenv("PATH", account_path(a), 1) < 0))
        cmd_diex(1, "out of memory");
}

static _Noreturn void run_shell(const char *shell, const struct options *o)
{
    char *argv[MAX_ARGS + 4];
    char argv0[FIELD_MAX + 1];
    const char *base = strrchr(shell, '/') ? strrchr(shell, '/') + 1 : shell;
    int n = 0;

    snprintf(argv0, sizeof(argv0), "%s%s", o->login ? "-" : "", base);
    argv[n++] = argv0;
    if (o->cmd) {
        argv[n++] = "-c";
        argv[n++] = (char *)o->cmd;
    }
    for (int i = 0; i < o->nargs; i++)
        argv[n++] = o->args[i];
    argv[n] = NULL;
    execv(shell, argv);
    cmd_die(1, "cannot run %s", shell);
}

int main(int argc, char **argv)
{
    struct options o;
    struct account a;

    cmd_setname(argv[0]);
    parse(argc, argv, &o);
    if (account_get(o.user, 0, &a) < 0) {
        if (errno == ENOENT)
            cmd_diex(1, "user %s does not exist", o.user);
        cmd_die(1, "cannot read %s", SHADOW_FILE);
    }
    authenticate(&a);
    const char *shell = o.shell ? o.shell : account_shell(&a);
    if (account_become(&a) < 0) {
        if (errno == EPERM)
            cmd_diex(1,
                     "cannot become %s: only root may change identity "
                     "(su is not set-user-id root)",
                     a.name);
        cmd_die(1, "cannot become %s", a.name);
    }
    set_environment(&a, &o, shell);
    if (o.login && chdir(a.home[0] ? a.home : "/") < 0) {
        cmd_warn("cannot enter %s", a.home);
        (void)!chdir("/");
    }
    signal(SIGINT, SIG_DFL);
    run_shell(shell, &o);
}
