/*
 * Which disposition a signal gets depends on several things at once: a
 * trap, whether it was ignored when the shell started, whether the shell
 * is interactive or runs job control, and whether this process is a
 * subshell. signal_apply() is the one place that decides.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "exec.h"
#include "options.h"
#include "quote.h"
#include "sh.h"
#include "trap.h"

static char *actions[SIG_SLOTS];
static bool ignored_at_entry[SIG_SLOTS];
static bool touched[SIG_SLOTS];
static volatile sig_atomic_t pending[SIG_SLOTS];
static volatile sig_atomic_t any_pending;
static volatile sig_atomic_t interrupted;
static bool running_trap;

struct signame {
    const char *name;
    int number;
};

static const struct signame signames[] = {
    { "HUP", SIGHUP },       { "INT", SIGINT },   { "QUIT", SIGQUIT },   { "ILL", SIGILL },
    { "TRAP", SIGTRAP },     { "ABRT", SIGABRT }, { "BUS", SIGBUS },     { "FPE", SIGFPE },
    { "KILL", SIGKILL },     { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV },   { "USR2", SIGUSR2 },
    { "PIPE", SIGPIPE },     { "ALRM", SIGALRM }, { "TERM", SIGTERM },   { "CHLD", SIGCHLD },
    { "CONT", SIGCONT },     { "STOP", SIGSTOP }, { "TSTP", SIGTSTP },   { "TTIN", SIGTTIN },
    { "TTOU", SIGTTOU },     { "URG", SIGURG },   { "XCPU", SIGXCPU },   { "XFSZ", SIGXFSZ },
    { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF }, { "WINCH", SIGWINCH }, { "SYS", SIGSYS },
};

#define NSIGNAMES (sizeof signames / sizeof signames[0])

const char *signal_name(int sig)
{
    for (size_t i = 0; i < NSIGNAMES; i++) {
        if (signames[i].number == sig)
            return signames[i].name;
    }
    return NULL;
}

int signal_number(const char *name)
{
    char *end;
    long n;

    if (strcasecmp(name, "EXIT") == 0)
        return 0;
    n = strtol(name, &end, 10);
    if (*name && !*end)
        return n >= 0 && n < SIG_SLOTS ? (int)n : -1;
    if (strncasecmp(name, "SIG", 3) == 0)
        name += 3;
    for (size_t i = 0; i < NSIGNAMES; i++) {
        if (strcasecmp(signames[i].name, name) == 0)
            return signames[i].number;
    }
    return -1;
}

void signal_list(void)
{
    for (size_t i = 0; i < NSIGNAMES; i++)
        printf("%s%c", signames[i].name, (i + 1) % 8 == 0 || i + 1 == NSIGNAMES ? '\n' : ' ');
}

static void on_trapped_signal(int sig)
{
    if (sig > 0 && sig < SIG_SLOTS)
        pending[sig] = 1;
    any_pending = 1;
}

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void set_handler(int sig, void (*handler)(int))
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static bool shell_owns(int sig)
{
    if (sh.subshell)
        return false;
    if (sh.interactive && (sig == SIGINT || sig == SIGQUIT || sig == SIGTERM))
        return true;
    return opt.monitor && (sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU);
}

static void signal_apply(int sig)
{
    if (sig == SIGKILL || sig == SIGSTOP)
        return;
    if (actions[sig] && *actions[sig])
        set_handler(sig, on_trapped_signal);
    else if (actions[sig] || (ignored_at_entry[sig] && !sh.interactive))
        set_handler(sig, SIG_IGN);
    else if (shell_owns(sig))
        set_handler(sig, sig == SIGINT ? on_interrupt : SIG_IGN);
    else
        set_handler(sig, SIG_DFL);
}

void trap_update_all(void)
{
    for (int sig = 1; sig < SIG_SLOTS; sig++) {
        if (touched[sig])
            signal_apply(sig);
    }
}

void trap_init(void)
{
    static const int owned[] = { SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU };

    for (size_t i = 0; i < NSIGNAMES; i++) {
        struct sigaction old;
        int sig = signames[i].number;

        if (sig < SIG_SLOTS && sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            ignored_at_entry[sig] = true;
    }
    for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
        touched[owned[i]] = true;
    /* An ignored SIGCHLD would make children vanish before wait sees them. */
    ignored_at_entry[SIGCHLD] = false;
    set_handler(SIGCHLD, SIG_DFL);
    trap_update_all();
}

int trap_set(int sig, const char *action)
{
    if (sig < 0 || sig >= SIG_SLOTS)
        return -1;
    if (sig > 0 && ignored_at_entry[sig] && !sh.interactive)
        return 0;
    free(actions[sig]);
    actions[sig] = action ? xstrdup(action) : NULL;
    if (sig > 0) {
        touched[sig] = true;
        signal_apply(sig);
    }
    return 0;
}

bool trap_any_set(void)
{
    for (int sig = 0; sig < SIG_SLOTS; sig++) {
        if (actions[sig] && *actions[sig])
            return true;
    }
    return false;
}

void trap_print(void)
{
    for (int sig = 0; sig < SIG_SLOTS; sig++) {
        const char *name = sig == 0 ? "EXIT" : signal_name(sig);
        char *q;

        if (!actions[sig])
            continue;
        q = shell_quote(actions[sig]);
        if (name)
            printf("trap -- %s %s\n", q, name);
        else
            printf("trap -- %s %d\n", q, sig);
        free(q);
    }
}

static void run_action(const char *action)
{
    char *copy = xstrdup(action);
    int saved_status = sh.status;

    running_trap = true;
    exec_string(copy, 1);
    running_trap = false;
    free(copy);
    sh.status = saved_status;
}

void trap_run_pending(void)
{
    if (!any_pending || running_trap)
        return;
    any_pending = 0;
    for (int sig = 1; sig < SIG_SLOTS; sig++) {
        if (!pending[sig])
            continue;
        pending[sig] = 0;
        if (actions[sig] && *actions[sig])
            run_action(actions[sig]);
    }
}

int trap_pending_signal(void)
{
    for (int sig = 1; sig < SIG_SLOTS && any_pending; sig++) {
        if (pending[sig])
            return sig;
    }
    return 0;
}

void trap_run_exit(void)
{
    char *action = actions[0];

    if (!action)
        return;
    actions[0] = NULL;
    if (*action) {
        sh.unwind = UNWIND_NONE;
        running_trap = true;
        exec_string(action, 1);
        running_trap = false;
    }
    free(action);
}

void trap_reset_for_subshell(void)
{
    for (int sig = 0; sig < SIG_SLOTS; sig++) {
        if (actions[sig] && *actions[sig]) {
            free(actions[sig]);
            actions[sig] = NULL;
        }
        pending[sig] = 0;
    }
    any_pending = 0;
    interrupted = 0;
    trap_update_all();
}

void trap_ignore_interrupts(void)
{
    ignored_at_entry[SIGINT] = ignored_at_entry[SIGQUIT] = true;
    touched[SIGINT] = touched[SIGQUIT] = true;
    set_handler(SIGINT, SIG_IGN);
    set_handler(SIGQUIT, SIG_IGN);
}

void trap_ignore_job_signals(void)
{
    static const int stops[] = { SIGTSTP, SIGTTIN, SIGTTOU };

    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++) {
        ignored_at_entry[stops[i]] = touched[stops[i]] = true;
        set_handler(stops[i], SIG_IGN);
    }
}

void trap_note_interrupt(void)
{
    interrupted = 1;
}

bool trap_take_interrupt(void)
{
    bool was = interrupted;

    interrupted = 0;
    return was;
}

void trap_check_interrupt(void)
{
    if (!interrupted)
        return;
    interrupted = 0;
    if (sh.interactive && !sh.subshell) {
        sh.unwind = UNWIND_ABORT;
        sh.status = 130;
    }
}
