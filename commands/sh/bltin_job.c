/* Job builtins: jobs fg bg wait kill */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "error.h"
#include "jobs.h"
#include "options.h"
#include "trap.h"

int bi_jobs(int argc, char **argv)
{
    bool seen[128] = { false };

    if (builtin_options(argc, argv, "lp", seen) < 0)
        return 2;
    jobs_list(seen['l'], seen['p']);
    return 0;
}

static int resume(int argc, char **argv, bool foreground)
{
    int status = 0;

    if (!opt.monitor) {
        sh_error("%s: no job control", argv[0]);
        return 1;
    }
    for (int i = 1; i < argc || i == 1; i++) {
        struct job *job = job_lookup(i < argc ? argv[i] : "%+", argv[0]);

        if (!job)
            return 1;
        status = job_resume(job, foreground);
        if (foreground)
            break;
    }
    return status;
}

int bi_fg(int argc, char **argv)
{
    return resume(argc, argv, true);
}

int bi_bg(int argc, char **argv)
{
    return resume(argc, argv, false);
}

static bool parse_pid(const char *s, pid_t *pid)
{
    char *end;
    long n = strtol(s, &end, 10);

    if (!*s || *end || n <= 0)
        return false;
    *pid = (pid_t)n;
    return true;
}

int bi_wait(int argc, char **argv)
{
    int status = 0;

    if (argc == 1)
        return jobs_wait_all();
    for (int i = 1; i < argc; i++) {
        struct job *job;
        pid_t pid = 0;

        if (argv[i][0] == '%') {
            job = job_lookup(argv[i], "wait");
        } else if (!parse_pid(argv[i], &pid)) {
            sh_error("wait: %s: not a pid or job", argv[i]);
            return 2;
        } else {
            job = job_by_pid(pid);
        }
        status = job ? jobs_wait(job, pid) : 127;
        if (status > 128 && trap_pending_signal())
            break;
    }
    return status;
}

/* kill -l [status]: signal names. */
static int list_signals(int argc, char **argv, int first)
{
    if (first >= argc) {
        signal_list();
        return 0;
    }
    for (int i = first; i < argc; i++) {
        int n = atoi(argv[i]);
        const char *name = signal_name(n > 128 ? n - 128 : n);

        if (!name) {
            sh_error("kill: %s: no such signal", argv[i]);
            return 1;
        }
        printf("%s\n", name);
    }
    return 0;
}

/* The signal named by the options; index of the first operand or -1. */
static int kill_signal(int argc, char **argv, int *sig)
{
    const char *name = "TERM";
    int i = 1;

    if (i < argc && (strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "-n") == 0)) {
        if (i + 1 >= argc) {
            sh_error("kill: %s needs a signal", argv[i]);
            return -1;
        }
        name = argv[i + 1];
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
        name = argv[i++] + 1;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    *sig = signal_number(name);
    if (*sig < 0) {
        sh_error("kill: %s: no such signal", name);
        return -1;
    }
    return i;
}

static int kill_one(const char *target, int sig)
{
    pid_t pid;

    if (target[0] == '%') {
        struct job *job = job_lookup(target, "kill");

        if (!job)
            return 1;
        if (job->controlled) {
            if (kill(-job->pgid, sig) == 0 &&
                (sig == SIGCONT || sig == SIGKILL || sig == SIGTERM)) {
                kill(-job->pgid, SIGCONT);
                job_continued(job);
            }
            return 0;
        }
        for (int i = 0; i < job->nprocs; i++)
            kill(job->procs[i].pid, sig);
        return 0;
    }
    if (!parse_pid(target, &pid) && !(target[0] == '-' && parse_pid(target + 1, &pid))) {
        sh_error("kill: %s: arguments must be process or job IDs", target);
        return 1;
    }
    if (target[0] == '-')
        pid = -pid;
    if (kill(pid, sig) < 0) {
        sh_error("kill: (%s) - %s", target, strerror(errno));
        return 1;
    }
    return 0;
}

int bi_kill(int argc, char **argv)
{
    int sig, first, status = 0;

    if (argc > 1 && strcmp(argv[1], "-l") == 0)
        return list_signals(argc, argv, 2);
    first = kill_signal(argc, argv, &sig);
    if (first < 0)
        return 2;
    if (first >= argc) {
        sh_error("kill: usage: kill [-s signal | -signal] pid | %%job ...");
        return 2;
    }
    for (int i = first; i < argc; i++)
        status |= kill_one(argv[i], sig);
    return status;
}
