/*
 * login: sign a user on to the system.
 *
 *   login [-p] [user]
 *
 * Asks for the user name ("login: ") unless given, and for the password
 * ("Password: ", the echo off) unless the account has none; the account
 * files are read through lib/libcrypt (shadow.h has their formats). A
 * wrong name or password gets "Login incorrect", a pause, and another
 * try; after three, login exits and init or getty starts over. Unknown
 * users are asked for a password too, so a failure does not tell which
 * part was wrong.
 *
 * On success the session starts: the terminal is given to the user, the
 * process takes the user's groups, group and user ids, moves to the home
 * directory, sets HOME, USER, LOGNAME, SHELL, PATH and TERM (-p keeps the
 * rest of the environment, which is otherwise cleared), shows /etc/motd
 * (unless ~/.hushlogin exists) and becomes the user's shell as a login
 * shell: argv[0] is "-" and the shell's name, e.g. "-sh".
 *
 * Only root can start a session for someone else: init and getty run
 * login as root.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "account.h"
#include "cmd.h"
#include "passphrase.h"

#define MAX_TRIES     3
#define FAIL_DELAY    2  /* seconds after a failed try */
#define LOGIN_TIMEOUT 60 /* seconds to type the password */
#define NAME_MAX_LEN  64
#define MOTD          "/etc/motd"
#define HUSHLOGIN     ".hushlogin"
#define TTY_GROUP     "tty"
#define TTY_MODE      0620

extern char **environ;

static void timed_out(int sig)
{
    static const char msg[] = "\nLogin timed out\n";

    (void)sig;
    (void)!write(1, msg, sizeof(msg) - 1);
    _exit(1);
}

/* The user name: the operand on the first try, else asked for. Returns
 * false at the end of the input. */
static bool get_name(const char *given, char *name, size_t size)
{
    if (given) {
        snprintf(name, size, "%s", given);
        return true;
    }
    do {
        if (ask_line("login: ", 1, false, name, size) < 0)
            return false;
    } while (name[0] == '\0');
    return true;
}

/* One try: whether name and the password typed open an account (into
 * a). Exits at the end of the input. */
static bool authenticate(const char *name, struct account *a)
{
    char password[FIELD_MAX];
    bool found = account_get(name, 0, a) == 0;

    if (!found && errno != ENOENT)
        cmd_warn("cannot read %s", SHADOW_FILE);
    if (found && account_passwordless(a))
        return true;
    signal(SIGALRM, timed_out);
    alarm(LOGIN_TIMEOUT);
    if (ask_line("Password: ", 1, true, password, sizeof(password)) < 0)
        exit(1);
    alarm(0);
    bool ok = found && account_check(a, password);
    memset(password, 0, sizeof(password));
    return ok;
}

/* Give the terminal to the user, as far as the file system lets us. */
static void take_terminal(const struct account *a)
{
    const char *tty = ttyname(0);
    struct group *g;

    if (!tty)
        return;
    g = getgrnam(TTY_GROUP);
    if (chown(tty, a->uid, g ? g->gr_gid : a->gid) == 0)
        chmod(tty, TTY_MODE);
}

/* The session's environment: cleared unless keep, then the account's. */
static void set_environment(const struct account *a, const char *home, bool keep)
{
    static char *empty[] = { NULL };
    char *term = getenv("TERM");

    term = strdup(term ? term : "vt100");
    if (!keep)
        environ = empty;
    if (!term || setenv("HOME", home, 1) < 0 || setenv("USER", a->name, 1) < 0 ||
        setenv("LOGNAME", a->name, 1) < 0 || setenv("SHELL", account_shell(a), 1) < 0 ||
        setenv("PATH", account_path(a), 1) < 0 || setenv("TERM", term, 1) < 0)
        cmd_diex(1, "out of memory");
    free(term);
}

static void show_motd(void)
{
    char buf[512];
    size_t n;
    FILE *f;

    if (access(HUSHLOGIN, F_OK) == 0 || !(f = fopen(MOTD, "r")))
        return;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        fwrite(buf, 1, n, stdout);
    fclose(f);
    fflush(stdout);
}

/* Become the user and run the login shell. Does not return. */
static _Noreturn void start_session(const struct account *a, bool keep_env)
{
    const char *home = a->home[0] ? a->home : "/";
    const char *shell = account_shell(a);
    const char *base = strrchr(shell, '/') ? strrchr(shell, '/') + 1 : shell;
    char argv0[FIELD_MAX + 1];

    take_terminal(a);
    if (account_become(a) < 0)
        cmd_die(1, "cannot take the identity of %s", a->name);
    if (chdir(home) < 0) {
        cmd_warn("no home directory %s; logging in with HOME=/", home);
        home = "/";
        (void)!chdir(home);
    }
    set_environment(a, home, keep_env);
    show_motd();
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    signal(SIGALRM, SIG_DFL);
    snprintf(argv0, sizeof(argv0), "-%s", base);
    execl(shell, argv0, (char *)NULL);
    cmd_die(1, "cannot run %s", shell);
}

int main(int argc, char **argv)
{
    bool keep_env = false;
    struct account a;
    char name[NAME_MAX_LEN];
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "p")) != -1) {
        if (opt != 'p')
            cmd_usage("[-p] [user]");
        keep_env = true;
    }
    if (argc - optind > 1)
        cmd_usage("[-p] [user]");
    if (geteuid() != 0)
        cmd_diex(1, "only root can start a session (login is run by init or getty)");
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    const char *given = optind < argc ? argv[optind] : NULL;
    for (int try = 0; try < MAX_TRIES; try++, given = NULL) {
        if (!get_name(given, name, sizeof(name)))
            return 1;
        if (authenticate(name, &a))
            start_session(&a, keep_env);
        printf("Login incorrect\n");
        fflush(stdout);
        sleep(FAIL_DELAY);
    }
    cmd_diex(1, "too many failed attempts");
}
