/*
 * ficampaign: inject faults into a running driver, one after another,
 * while a workload uses the device, and report what happened.
 *
 *   ficampaign [-n FAULTS] [-s SEED] [-k KIND] [-d DIR] [-f KIB] [-S SLOTS]
 *              [-w MS] LABEL
 *
 * The workload (workload.c) writes, syncs and verifies files in DIR (on a
 * disk the driver serves) in a child process. For each fault the campaign
 * waits until rs reports the driver up, injects one fault of the chosen
 * kind (by default each kind in turn, from a seeded sequence, so a run can
 * be repeated), and lets the workload run for MS milliseconds. rs's
 * records tell crashes from hangs. At the end the workload's tally says
 * how many rounds read back correct data, how many met an I/O error (an
 * honest failure), and how many read wrong data without an error (which
 * must never happen); every other service must not have restarted. The
 * exit status is 0 when the campaign passed.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "campaign.h"
#include "cmd.h"
#include "rs_client.h"

#define USAGE    "[-n faults] [-s seed] [-k kind] [-d dir] [-f kib] [-S slots] [-w ms] label"
#define MAX_SVCS 48

static const char *const kind_names[] = {
    [FI_CRASH] = "crash",      [FI_CODE_FLIP] = "codeflip", [FI_DATA_FLIP] = "dataflip",
    [FI_REG_FLIP] = "regflip", [FI_LOOP] = "loop",          [FI_BAD_POINTER] = "badptr",
    [FI_RETVAL] = "retval",
};

struct options {
    int faults, kind, wait_ms, slots;
    uint64_t seed;
    uint32_t file_kib;
    const char *dir, *label;
};

static struct tally tally;

static void on_stop(int sig)
{
    (void)sig;
    tally.stop = 1;
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

static int find(const char *label, struct rs_service_info *out, struct rs_service_info *all,
                int *nall)
{
    static struct rs_service_info v[MAX_SVCS];
    struct rs_service_info *list = all ? all : v;
    int n = rs_list(list, MAX_SVCS);

    if (nall)
        *nall = n;
    for (int i = 0; i < n; i++)
        if (strcmp(list[i].label, label) == 0) {
            *out = list[i];
            return 0;
        }
    return -1;
}

/* Wait (up to 60 s) until rs reports the driver up. */
static int wait_up(const char *label, struct rs_service_info *info)
{
    for (int i = 0; i < 3000; i++) {
        if (find(label, info, NULL, NULL) == 0 && info->state == RS_STATE_UP && info->ep != NONE)
            return 0;
        sleep_ms(20);
    }
    return -1;
}

/* The workload in a child: its tally comes back through a pipe. */
static pid_t start_workload(const struct options *o, int *fd)
{
    int p[2];

    if (pipe(p) < 0)
        cmd_die(1, "pipe");
    pid_t pid = fork();
    if (pid < 0)
        cmd_die(1, "fork");
    if (pid == 0) {
        close(p[0]);
        signal(SIGUSR1, on_stop);
        workload_run(o->dir, o->file_kib, o->slots, &tally);
        ssize_t n = write(p[1], &tally, sizeof(tally));
        _exit(n == (ssize_t)sizeof(tally) ? 0 : 1);
    }
    close(p[1]);
    *fd = p[0];
    return pid;
}

static int stop_workload(pid_t pid, int fd, struct tally *t)
{
    size_t got = 0;
    ssize_t n = 1;
    int status;

    kill(pid, SIGUSR1);
    while (got < sizeof(*t) && (n = read(fd, (char *)t + got, sizeof(*t) - got)) > 0)
        got += (size_t)n;
    close(fd);
    waitpid(pid, &status, 0);
    return got == sizeof(*t) ? 0 : -1;
}

struct results {
    int injected, refused, crashes, hangs, lost;
    int per_kind[FI_RANDOM];
};

static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s << 13, *s ^= *s >> 7, *s ^= *s << 17;
    return *s;
}

static void inject_all(const struct options *o, struct results *res)
{
    struct rs_service_info before, after;
    uint64_t rng = o->seed ? o->seed : 1;

    for (int i = 0; i < o->faults; i++) {
        if (wait_up(o->label, &before) < 0) {
            res->lost++;
            printf("ficampaign: %s not up again within 60 s after fault %d\n", o->label, i);
            return;
        }
        int kind = o->kind ? o->kind : 1 + (int)(next_rand(&rng) % (FI_RANDOM - 1));
        uint64_t injected = 0;
        if (rs_fi(o->label, (enum rs_fi_kind)kind, o->seed + (uint64_t)i, 1, &injected) < 0 ||
            injected == 0) {
            res->refused++; /* it died between the check and the injection */
            continue;
        }
        res->injected++;
        res->per_kind[kind]++;
        sleep_ms(o->wait_ms);
        if (find(o->label, &after, NULL, NULL) == 0 && after.restarts > before.restarts) {
            bool hang = strcmp(after.last_reason, "hang") == 0;
            hang ? res->hangs++ : res->crashes++;
        }
        if ((i + 1) % 100 == 0)
            printf("ficampaign: %d faults, %d crashes, %d hangs so far\n", i + 1, res->crashes,
                   res->hangs);
        fflush(stdout);
    }
}

/* Services other than the target that restarted or went down meanwhile. */
static int others_failed(const char *label, const struct rs_service_info *a, int na)
{
    static struct rs_service_info b[MAX_SVCS];
    struct rs_service_info dummy;
    int nb = 0, bad = 0;

    find(label, &dummy, b, &nb);
    for (int i = 0; i < na; i++) {
        if (strcmp(a[i].label, label) == 0)
            continue;
        for (int j = 0; j < nb; j++)
            if (strcmp(a[i].label, b[j].label) == 0 &&
                (b[j].restarts != a[i].restarts || b[j].state != a[i].state)) {
                printf("ficampaign: service %s also failed (%s)\n", b[j].label, b[j].last_reason);
                bad++;
            }
    }
    return bad;
}

static void parse(int argc, char **argv, struct options *o)
{
    int opt;

    *o = (struct options){ 1000, 0, 50, 24, 1, 64, "/mnt", NULL };
    while ((opt = getopt(argc, argv, "n:s:k:d:f:S:w:")) != -1) {
        switch (opt) {
        case 'n':
            o->faults = atoi(optarg);
            break;
        case 's':
            o->seed = strtoull(optarg, NULL, 0);
            break;
        case 'k':
            o->kind = 0;
            for (int k = 1; k < FI_RANDOM; k++)
                if (strcmp(optarg, kind_names[k]) == 0)
                    o->kind = k;
            if (!o->kind)
                cmd_diex(2, "unknown fault kind '%s'", optarg);
            break;
        case 'd':
            o->dir = optarg;
            break;
        case 'f':
            o->file_kib = (uint32_t)atoi(optarg);
            break;
        case 'S':
            o->slots = atoi(optarg);
            break;
        case 'w':
            o->wait_ms = atoi(optarg);
            break;
        default:
            cmd_usage(USAGE);
        }
    }
    if (optind + 1 != argc || o->faults < 0 || o->file_kib == 0 || o->file_kib > 16384 ||
        o->slots < 2 || o->wait_ms < 0)
        cmd_usage(USAGE);
    o->label = argv[optind];
}

int main(int argc, char **argv)
{
    static struct rs_service_info start[MAX_SVCS];
    struct rs_service_info info, first;
    struct options o;
    struct results res;
    struct tally t;
    int nstart = 0, fd;

    cmd_setname(argv[0]);
    parse(argc, argv, &o);
    if (find(o.label, &first, start, &nstart) < 0)
        cmd_diex(1, "rs knows no service '%s'", o.label);
    printf("ficampaign: %d faults into %s (seed %llu), workload in %s: %u KiB x %d files\n",
           o.faults, o.label, (unsigned long long)o.seed, o.dir, o.file_kib, o.slots);
    fflush(stdout);
    pid_t pid = start_workload(&o, &fd);
    memset(&res, 0, sizeof(res));
    inject_all(&o, &res);
    bool back = wait_up(o.label, &info) == 0;
    sleep_ms(2000); /* the workload runs on with the last instance */
    memset(&t, 0, sizeof(t));
    if (stop_workload(pid, fd, &t) < 0)
        cmd_diex(1, "the workload died");
    int others = others_failed(o.label, start, nstart);

    printf("ficampaign: faults injected %d (", res.injected);
    for (int k = 1; k < FI_RANDOM; k++)
        printf("%s%s %d", k > 1 ? ", " : "", kind_names[k], res.per_kind[k]);
    printf("), refused %d\n", res.refused);
    printf("ficampaign: crashes detected %d, hangs detected %d, restarts %u\n", res.crashes,
           res.hangs, info.restarts - first.restarts);
    printf("ficampaign: workload rounds %llu: correct %llu, I/O errors %llu, wrong data %llu\n",
           (unsigned long long)t.rounds, (unsigned long long)t.correct,
           (unsigned long long)t.io_errors, (unsigned long long)t.wrong_data);
    if (t.first_error[0])
        printf("ficampaign: first problem: %s\n", t.first_error);
    printf("ficampaign: other services failed %d; %s %s at the end\n", others, o.label,
           back ? "up" : "NOT up");
    bool pass = t.wrong_data == 0 && others == 0 && back && res.lost == 0 && t.correct > 0;
    printf("ficampaign: %s\n", pass ? "PASS" : "FAIL");
    return pass ? 0 : 1;
}
