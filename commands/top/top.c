/*
 * top: watch the processes.
 *
 *   top [-b] [-d seconds] [-n count]
 *
 * Every few seconds (-d, default 1) the screen shows the uptime, the
 * number of processes in each state, the memory in use, and the
 * processes busiest first:
 *
 *     PID USER     S  %CPU     TIME COMMAND
 *
 * %CPU is the share of the processor each used since the last refresh.
 * q quits; any other key refreshes at once. -n stops after count
 * screens; -b (batch) writes them one after the other without clearing
 * the screen or reading keys, for pipes and logs.
 *
 * The figures come from pm and vm (getprocs(), meminfo(),
 * lib/include/ember/info.h).
 */
#include <errno.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <ember/info.h>

#include "cmd.h"

#define TOP_USAGE  "[-b] [-d seconds] [-n count]"
#define MAX_PROCS  1024
#define NS_PER_S   1000000000ull
#define HEAD_LINES 5 /* lines above the table's rows, its header included */

struct sample {
    struct pm_procinfo procs[MAX_PROCS];
    int count;
    uint64_t uptime_ns;
};

struct row {
    const struct pm_procinfo *p;
    unsigned tenths; /* %CPU in tenths */
};

static struct termios saved_termios;
static bool raw_mode;
static volatile sig_atomic_t stop_requested;

static void restore_terminal(void)
{
    if (raw_mode)
        tcsetattr(0, TCSADRAIN, &saved_termios);
    raw_mode = false;
}

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* Keys one by one, without echo, so q works at once. */
static void enter_raw_mode(void)
{
    struct termios t;
    struct sigaction sa;

    if (tcgetattr(0, &saved_termios) < 0)
        return;
    t = saved_termios;
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(0, TCSANOW, &t) < 0)
        return;
    raw_mode = true;
    atexit(restore_terminal);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static void take_sample(struct sample *s)
{
    int n = getprocs(s->procs, MAX_PROCS);

    if (n < 0)
        cmd_die(1, "cannot read the process table from pm");
    s->count = n;
    s->uptime_ns = uptime_ns();
}

/* The process's processor time in the previous sample (by pid). */
static const struct pm_procinfo *earlier(const struct sample *prev, const struct pm_procinfo *p)
{
    for (int i = 0; prev && i < prev->count; i++)
        if (prev->procs[i].pid == p->pid && prev->procs[i].start_ns == p->start_ns)
            return &prev->procs[i];
    return NULL;
}

static int busiest_first(const void *a, const void *b)
{
    const struct row *x = a, *y = b;

    if (x->tenths != y->tenths)
        return x->tenths < y->tenths ? 1 : -1;
    return (x->p->pid > y->p->pid) - (x->p->pid < y->p->pid);
}

static int make_rows(const struct sample *now, const struct sample *prev, struct row *rows)
{
    for (int i = 0; i < now->count; i++) {
        const struct pm_procinfo *p = &now->procs[i], *old = earlier(prev, p);
        uint64_t since = old ? prev->uptime_ns : p->start_ns;
        uint64_t wall = now->uptime_ns > since ? now->uptime_ns - since : 0;
        uint64_t cpu = p->user_ns - (old && old->user_ns <= p->user_ns ? old->user_ns : 0);
        rows[i].p = p;
        rows[i].tenths = wall ? (unsigned)(cpu * 1000 / wall) : 0;
        if (rows[i].tenths > 1000)
            rows[i].tenths = 1000;
    }
    qsort(rows, (size_t)now->count, sizeof(rows[0]), busiest_first);
    return now->count;
}

static void print_summary(const struct sample *s)
{
    uint64_t up = s->uptime_ns / NS_PER_S, total = 0, free_pages = 0;
    int states[4] = { 0 }; /* running, sleeping, stopped, zombie */
    time_t now = time(NULL);
    struct tm *tm = localtime(&now);
    char clock[16] = "??:??:??";

    if (tm)
        strftime(clock, sizeof(clock), "%H:%M:%S", tm);
    for (int i = 0; i < s->count; i++) {
        char st = (char)s->procs[i].state;
        states[st == 'R' ? 0 : st == 'T' ? 2 : st == 'Z' ? 3 : 1]++;
    }
    printf("top - %s up %llu:%02llu:%02llu,  1 user,  load average: 0.00, 0.00, 0.00\n", clock,
           (unsigned long long)(up / 3600), (unsigned long long)(up / 60 % 60),
           (unsigned long long)(up % 60));
    printf("Tasks: %d total, %d running, %d sleeping, %d stopped, %d zombie\n", s->count, states[0],
           states[1], states[2], states[3]);
    meminfo(&total, &free_pages);
    printf("KiB Mem: %llu total, %llu used, %llu free\n\n", (unsigned long long)total * 4,
           (unsigned long long)(total - free_pages) * 4, (unsigned long long)free_pages * 4);
}

static void print_row(const struct row *r)
{
    const struct pm_procinfo *p = r->p;
    struct passwd *pw = getpwuid((uid_t)p->uid);
    unsigned long long secs = p->user_ns / NS_PER_S;
    char user[16], cpu_time[24];

    if (pw)
        snprintf(user, sizeof(user), "%.8s", pw->pw_name);
    else
        snprintf(user, sizeof(user), "%d", p->uid);
    snprintf(cpu_time, sizeof(cpu_time), "%llu:%02llu.%02llu", secs / 60, secs % 60,
             (unsigned long long)(p->user_ns / (NS_PER_S / 100) % 100));
    printf("%5d %-8s %c %3u.%u %8s %.*s\n", p->pid, user, p->state ? p->state : '?', r->tenths / 10,
           r->tenths % 10, cpu_time, (int)sizeof(p->name), p->name);
}

static int screen_rows(bool batch)
{
    struct winsize ws;

    if (batch)
        return MAX_PROCS;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > HEAD_LINES + 1)
        return ws.ws_row - HEAD_LINES - 1;
    return 24 - HEAD_LINES - 1;
}

static void show(const struct sample *now, const struct sample *prev, bool batch)
{
    static struct row rows[MAX_PROCS];
    int n = make_rows(now, prev, rows), limit = screen_rows(batch);

    if (!batch)
        printf("\033[H\033[2J");
    print_summary(now);
    printf("%5s %-8s %c %5s %8s %s\n", "PID", "USER", 'S', "%CPU", "TIME", "COMMAND");
    for (int i = 0; i < n && i < limit; i++)
        print_row(&rows[i]);
    if (batch)
        printf("\n");
    fflush(stdout);
}

/* Wait ms for a key; true when q (or a signal) asks to stop. */
static bool wait_for_key(long ms, bool batch)
{
    struct pollfd pfd = { .fd = 0, .events = POLLIN };
    char c;

    if (batch) {
        struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
        nanosleep(&ts, NULL);
        return stop_requested;
    }
    if (poll(&pfd, 1, (int)ms) > 0 && read(0, &c, 1) == 1)
        return c == 'q' || c == 'Q';
    return stop_requested;
}

int main(int argc, char **argv)
{
    static struct sample samples[2];
    bool batch = false;
    long delay_ms = 1000, count = -1;
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "bd:n:")) != -1) {
        char *end;
        switch (opt) {
        case 'b':
            batch = true;
            break;
        case 'd':
            delay_ms = (long)(strtod(optarg, &end) * 1000);
            if (*end || delay_ms < 100 || delay_ms > 3600000)
                cmd_diex(2, "-d: '%s' is not a delay from 0.1 to 3600 seconds", optarg);
            break;
        case 'n':
            count = strtol(optarg, &end, 10);
            if (*end || count < 1)
                cmd_diex(2, "-n: '%s' is not a positive count", optarg);
            break;
        default:
            cmd_usage(TOP_USAGE);
        }
    }
    if (optind != argc)
        cmd_usage(TOP_USAGE);
    if (!batch && !isatty(0))
        batch = true;
    if (!batch)
        enter_raw_mode();
    struct sample *prev = NULL;
    for (long i = 0; count < 0 || i < count; i++) {
        struct sample *now = &samples[i % 2];
        take_sample(now);
        show(now, prev, batch);
        prev = now;
        if ((count < 0 || i + 1 < count) && wait_for_key(delay_ms, batch))
            break;
    }
    restore_terminal();
    return 0;
}
