/*
 * kill: send a signal to processes.
 *
 *   kill [-s name | -name | -number] pid...
 *   kill -l [exit_status]
 *
 * Signal names are accepted with or without "SIG", in any case. -l lists
 * the names, or gives the name of the signal that ended a process whose
 * exit status (128 + signal) is given. Options are read by hand: "-9" and
 * "-TERM" are not getopt() options, and "-123" after "--" is a process
 * group.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"

#define KILL_USAGE "[-s signal | -signal] pid...\n       kill -l [exit_status]"

static const struct {
    const char *name;
    int number;
} signals[] = {
    { "HUP", SIGHUP },       { "INT", SIGINT },   { "QUIT", SIGQUIT }, { "ILL", SIGILL },
    { "TRAP", SIGTRAP },     { "ABRT", SIGABRT }, { "BUS", SIGBUS },   { "FPE", SIGFPE },
    { "KILL", SIGKILL },     { "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
    { "PIPE", SIGPIPE },     { "ALRM", SIGALRM }, { "TERM", SIGTERM }, { "CHLD", SIGCHLD },
    { "CONT", SIGCONT },     { "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
    { "TTOU", SIGTTOU },     { "URG", SIGURG },   { "XCPU", SIGXCPU }, { "XFSZ", SIGXFSZ },
    { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF }, { "SYS", SIGSYS },
};

#define NSIGNALS (sizeof signals / sizeof signals[0])

/* A decimal number that is all of text; -1 otherwise. */
static long parse_decimal(const char *text)
{
    char *end;
    long value;

    if (!isdigit((unsigned char)text[0]))
        return -1;
    errno = 0;
    value = strtol(text, &end, 10);
    return errno || *end ? -1 : value;
}

/* A signal by name ("TERM", "sigterm") or number; -1 if unknown. */
static int parse_signal(const char *text)
{
    long number = parse_decimal(text);

    if (number >= 0) {
        if (number == 0)
            return 0;
        for (size_t i = 0; i < NSIGNALS; i++)
            if (signals[i].number == number)
                return (int)number;
        return -1;
    }
    if (strncasecmp(text, "SIG", 3) == 0)
        text += 3;
    for (size_t i = 0; i < NSIGNALS; i++)
        if (strcasecmp(text, signals[i].name) == 0)
            return signals[i].number;
    return -1;
}

static const char *signal_name(int number)
{
    for (size_t i = 0; i < NSIGNALS; i++)
        if (signals[i].number == number)
            return signals[i].name;
    return NULL;
}

static int list_signals(int argc, char **argv)
{
    if (argc == 0) {
        for (size_t i = 0; i < NSIGNALS; i++)
            printf("%s%c", signals[i].name, i + 1 < NSIGNALS ? ' ' : '\n');
        return 0;
    }
    int status = 0;
    for (int i = 0; i < argc; i++) {
        long value = parse_decimal(argv[i]);
        const char *name =
            value < 0 ? NULL : signal_name(value > 128 ? (int)(value - 128) : (int)value);
        if (!name) {
            cmd_warnx("unknown signal or exit status '%s'", argv[i]);
            status = 1;
            continue;
        }
        printf("%s\n", name);
    }
    return status;
}

static int send_signal(int sig, int argc, char **argv)
{
    int status = 0;

    for (int i = 0; i < argc; i++) {
        char *end;
        errno = 0;
        long pid = strtol(argv[i], &end, 10);
        if (errno || *end || end == argv[i] || pid != (pid_t)pid) {
            cmd_warnx("invalid process id '%s'", argv[i]);
            status = 1;
            continue;
        }
        if (kill((pid_t)pid, sig) != 0) {
            cmd_warn("%ld", pid);
            status = 1;
        }
    }
    return status;
}

int main(int argc, char **argv)
{
    int sig = SIGTERM, i = 1;

    cmd_setname(argv[0]);
    if (i < argc && strcmp(argv[i], "-l") == 0)
        return list_signals(argc - 2, argv + 2);
    if (i < argc && strcmp(argv[i], "-s") == 0) {
        if (i + 1 >= argc)
            cmd_usage(KILL_USAGE);
        if ((sig = parse_signal(argv[i + 1])) < 0)
            cmd_diex(2, "unknown signal '%s'", argv[i + 1]);
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
        if ((sig = parse_signal(argv[i] + 1)) < 0)
            cmd_diex(2, "unknown signal '%s'", argv[i] + 1);
        i++;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i == argc)
        cmd_usage(KILL_USAGE);
    return send_signal(sig, argc - i, argv + i);
}
