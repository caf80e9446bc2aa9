/*
 * bench: the POSIX microbenchmarks run unchanged on Ember and on Linux.
 *
 * usage: bench [-q] [-d DIR] [-m METRIC] [-x PROGRAM] [-H ADDR:PORT] [-k LABEL] [-l]
 *   -q          quick mode: few repetitions and small sizes (for tests)
 *   -d DIR      directory for the file tests (default: .)
 *   -H ADDR:PORT  the host's TCP peer for tcp_host_rtt and tcp_host_bulk
 *               (bench/run.py runs it); without it they are skipped
 *   -k LABEL    the driver of DIR's disk, killed by the recovery metric
 *               (Ember only); without it recovery is skipped
 *   -m METRIC   run one metric (a table name or one of the lines it prints)
 *   -x PROGRAM  the tiny program fork_exec_wait runs (default: bench-true
 *               beside this program, else /bin/bench-true)
 *   -l          list the metrics
 *
 * The output is one line per figure, for bench/run.sh to parse:
 *   BENCH-CLOCK <hz> Hz            the calibrated TSC frequency
 *   BENCH <metric> <median> ticks n=<samples>   TSC ticks per operation
 *   BENCH <metric> <median> MB/s n=<samples>
 *   BENCH <metric> skip <reason>
 *   BENCH done
 * Under QEMU's -icount shift=0 a tick is one instruction.
 *
 * A metric that has not finished after METRIC_LIMIT seconds (the system
 * hangs in it) is abandoned: SIGALRM jumps back to the table's loop, the
 * lines it still owed become skip lines saying so, and the next metric
 * runs. Whatever it left behind (children, descriptors) stays.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#define CALIBRATION_MS     100
#define METRIC_LIMIT_FULL  240 /* seconds; bench/run.py gives up after 300 s of silence */
#define METRIC_LIMIT_QUICK 60

struct metric_entry {
    const char *name;    /* what -m selects */
    const char *outputs; /* the metric names its lines carry */
    void (*run)(const struct bench_config *config);
};

static const struct metric_entry metric_table[] = {
    { "null_syscall", "null_syscall", bench_null_syscall },
    { "pipe_pingpong", "pipe_pingpong", bench_pipe_pingpong },
    { "select_pipe", "select_pipe", bench_select_pipe },
    { "fork_exit_wait", "fork_exit_wait", bench_fork_exit_wait },
    { "fork_exec_wait", "fork_exec_wait", bench_fork_exec_wait },
    { "spawn_sh", "spawn_sh", bench_spawn_sh },
    { "file_create_delete", "file_create_delete", bench_file_create_delete },
    { "files", "create_files delete_files", bench_many_files },
    { "stat_path5", "stat_path5", bench_stat_path5 },
    { "seq_io", "seq_write seq_read seq_reread", bench_sequential_io },
    { "tcp_rtt", "tcp_rtt", bench_tcp_rtt },
    { "tcp_bulk", "tcp_bulk", bench_tcp_bulk },
    { "tcp_host_rtt", "tcp_host_rtt", bench_tcp_host_rtt },
    { "tcp_host_bulk", "tcp_host_bulk", bench_tcp_host_bulk },
    { "recovery", "recovery", bench_recovery },
};
#define METRIC_COUNT (sizeof(metric_table) / sizeof(metric_table[0]))

/* Whether word is one of the space-separated names in list. */
static int names_contain(const char *list, const char *word)
{
    size_t len = strlen(word);

    for (const char *p = list; *p;) {
        size_t n = strcspn(p, " ");
        if (n == len && strncmp(p, word, len) == 0)
            return 1;
        p += n;
        p += strspn(p, " ");
    }
    return 0;
}

static int metric_selected(const struct metric_entry *m, const char *only)
{
    return !only || strcmp(m->name, only) == 0 || names_contain(m->outputs, only);
}

static void usage(void)
{
    fprintf(stderr, "usage: bench [-q] [-d DIR] [-m METRIC] [-x PROGRAM] [-H ADDR:PORT] "
                    "[-k LABEL] [-l]\n");
    exit(2);
}

static jmp_buf metric_timeout;

static void on_metric_timeout(int sig)
{
    (void)sig;
    longjmp(metric_timeout, 1);
}

/* An abandoned metric: skip lines for the outputs it had not printed yet
 * (the first `printed` of them it had), or a note if it hung afterwards. */
static void report_abandoned(const struct metric_entry *m, unsigned printed, unsigned limit)
{
    char reason[80];
    unsigned index = 0;

    snprintf(reason, sizeof(reason), "unfinished after %u s: the system hung in it", limit);
    for (const char *p = m->outputs; *p; index++) {
        size_t n = strcspn(p, " ");
        if (index >= printed) {
            char name[40];
            snprintf(name, sizeof(name), "%.*s", (int)n, p);
            report_skip(name, reason);
        }
        p += n;
        p += strspn(p, " ");
    }
    if (printed >= index)
        printf("BENCH-NOTE %s: figures printed, then %s\n", m->name, reason);
}

/* Run one metric under the watchdog. */
static void run_metric(const struct metric_entry *m, const struct bench_config *config)
{
    unsigned limit = config->quick ? METRIC_LIMIT_QUICK : METRIC_LIMIT_FULL;
    unsigned before = report_count();
    struct sigaction sa = { .sa_handler = on_metric_timeout, .sa_flags = SA_NODEFER };
    sigset_t alarm_set;

    sigemptyset(&alarm_set);
    sigaddset(&alarm_set, SIGALRM);
    sigaction(SIGALRM, &sa, NULL);
    if (setjmp(metric_timeout)) {
        sigprocmask(SIG_UNBLOCK, &alarm_set, NULL);
        report_abandoned(m, report_count() - before, limit);
        return;
    }
    alarm(limit);
    m->run(config);
    alarm(0);
}

static void list_metrics(void)
{
    for (size_t i = 0; i < METRIC_COUNT; i++)
        printf("%-20s %s\n", metric_table[i].name, metric_table[i].outputs);
}

/* bench-true beside argv0 when argv0 names a directory, else in /bin. */
static const char *default_true_path(const char *argv0)
{
    static char path[BENCH_PATH_MAX];
    const char *slash = strrchr(argv0, '/');

    if (!slash)
        return "/bin/bench-true";
    snprintf(path, sizeof(path), "%.*s/bench-true", (int)(slash - argv0), argv0);
    return path;
}

int main(int argc, char **argv)
{
    struct bench_config config = { .dir = ".", .true_path = default_true_path(argv[0]) };
    const char *only = NULL;
    int opt, ran = 0;

    while ((opt = getopt(argc, argv, "qd:m:x:H:k:l")) != -1) {
        switch (opt) {
        case 'q':
            config.quick = 1;
            break;
        case 'd':
            config.dir = optarg;
            break;
        case 'm':
            only = optarg;
            break;
        case 'x':
            config.true_path = optarg;
            break;
        case 'H':
            config.host = optarg;
            break;
        case 'k':
            config.driver = optarg;
            break;
        case 'l':
            list_metrics();
            return 0;
        default:
            usage();
        }
    }
    if (optind != argc || strlen(config.dir) > BENCH_PATH_MAX / 2)
        usage();
    setvbuf(stdout, NULL, _IOLBF, 0);
    signal(SIGPIPE, SIG_IGN);
    config.tsc_hz = tsc_calibrate(CALIBRATION_MS);
    printf("BENCH-CLOCK %.0f Hz\n", config.tsc_hz);
    for (size_t i = 0; i < METRIC_COUNT; i++) {
        if (!metric_selected(&metric_table[i], only))
            continue;
        run_metric(&metric_table[i], &config);
        fflush(stdout);
        ran++;
    }
    if (!ran) {
        fprintf(stderr, "bench: no metric named %s (bench -l lists them)\n", only);
        return 2;
    }
    printf("BENCH done\n");
    return 0;
}
