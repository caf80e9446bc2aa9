/*
 * shutdown, halt, reboot, poweroff: stop the system.
 *
 *   shutdown [-h | -P | -r] [-f] [now | +minutes] [message...]
 *   halt [-f]      poweroff [-f]      reboot [-f]
 *
 * One program, four names. shutdown halts (-h, the default), powers off
 * (-P) or reboots (-r), now or after the given minutes, telling the
 * console why. halt, poweroff and reboot do the same at once.
 *
 * Stopping: every process but init and the system services gets SIGTERM
 * (kill(-1, ...)), and some seconds to end; those still there get
 * SIGKILL. After a sync, reboot() asks pm to stop the machine, and pm
 * has vfs sync and unmount every file system first. -f skips the
 * signals. Only root may do this.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"

#define SHUTDOWN_USAGE "[-h | -P | -r] [-f] [now | +minutes] [message...]"
#define TERM_WAIT_MS   3000 /* for processes to end after SIGTERM */
#define KILL_WAIT_MS   1000 /* and after SIGKILL */
#define POLL_MS        50

struct plan {
    int how; /* RB_HALT_SYSTEM, RB_POWER_OFF or RB_AUTOBOOT */
    bool force;
    long delay_min;
    char message[256];
};

static const char *verb(int how)
{
    return how == RB_AUTOBOOT ? "reboot" : how == RB_POWER_OFF ? "power off" : "halt";
}

/* halt, poweroff, reboot: only -f. */
static void parse_short(int argc, char **argv, const char *name, struct plan *p)
{
    int opt;

    p->how = strcmp(name, "reboot") == 0     ? RB_AUTOBOOT
             : strcmp(name, "poweroff") == 0 ? RB_POWER_OFF
                                             : RB_HALT_SYSTEM;
    while ((opt = getopt(argc, argv, "f")) != -1) {
        if (opt != 'f')
            cmd_usage("[-f]");
        p->force = true;
    }
    if (optind != argc)
        cmd_usage("[-f]");
}

/* "now" or "+N": the delay in minutes; -1 if neither. */
static long parse_time(const char *text)
{
    char *end;

    if (strcmp(text, "now") == 0)
        return 0;
    if (text[0] != '+' || text[1] < '0' || text[1] > '9')
        return -1;
    long n = strtol(text + 1, &end, 10);
    return *end || n > 24 * 60 ? -1 : n;
}

static void parse_shutdown(int argc, char **argv, struct plan *p)
{
    int opt;

    p->how = RB_HALT_SYSTEM;
    while ((opt = getopt(argc, argv, "hPrf")) != -1) {
        switch (opt) {
        case 'h':
            p->how = RB_HALT_SYSTEM;
            break;
        case 'P':
            p->how = RB_POWER_OFF;
            break;
        case 'r':
            p->how = RB_AUTOBOOT;
            break;
        case 'f':
            p->force = true;
            break;
        default:
            cmd_usage(SHUTDOWN_USAGE);
        }
    }
    if (optind < argc && (p->delay_min = parse_time(argv[optind++])) < 0)
        cmd_usage(SHUTDOWN_USAGE);
    for (size_t len = 0; optind < argc; optind++) {
        len += (size_t)snprintf(p->message + len, sizeof(p->message) - len, "%s%s", len ? " " : "",
                                argv[optind]);
        if (len >= sizeof(p->message))
            break;
    }
}

static void announce(const struct plan *p, long minutes)
{
    if (minutes > 0)
        printf("\nThe system is going down for %s in %ld minute%s!\n", verb(p->how), minutes,
               minutes == 1 ? "" : "s");
    else
        printf("\nThe system is going down for %s NOW!\n", verb(p->how));
    if (p->message[0])
        printf("%s\n", p->message);
    fflush(stdout);
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* Signal every other process and wait up to ms for them to be gone. */
static void signal_all(int sig, long ms)
{
    if (kill(-1, sig) < 0)
        return; /* nobody left (ESRCH) */
    for (long waited = 0; waited < ms; waited += POLL_MS) {
        if (kill(-1, 0) < 0 && errno == ESRCH)
            return;
        sleep_ms(POLL_MS);
    }
}

static void ignore_signals(void)
{
    static const int sigs[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU };

    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        signal(sigs[i], SIG_IGN);
}

int main(int argc, char **argv)
{
    struct plan plan;

    cmd_setname(argv[0]);
    memset(&plan, 0, sizeof(plan));
    if (strcmp(cmd_name, "halt") == 0 || strcmp(cmd_name, "reboot") == 0 ||
        strcmp(cmd_name, "poweroff") == 0)
        parse_short(argc, argv, cmd_name, &plan);
    else
        parse_shutdown(argc, argv, &plan);
    if (geteuid() != 0)
        cmd_diex(1, "only root may %s the system", verb(plan.how));
    for (long m = plan.delay_min; m > 0; m--) {
        announce(&plan, m);
        sleep_ms(60 * 1000);
    }
    announce(&plan, 0);
    ignore_signals();
    sync();
    if (!plan.force) {
        signal_all(SIGTERM, TERM_WAIT_MS);
        signal_all(SIGKILL, KILL_WAIT_MS);
        sync();
    }
    reboot(plan.how);
    cmd_die(1, "cannot %s the system", verb(plan.how));
}
