/*
 * Process metrics: the null system call and the ways of starting a process.
 *
 * getppid is the null call: every Unix kernel answers it without touching
 * anything but the caller's process entry, and no C library caches it. A
 * child that fails to exec exits with errno as its status, so the parent
 * can name the failure in the skip line.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

static const struct bench_limits null_full = { 2000, 10, 100, 3.0 };
static const struct bench_limits null_quick = { 50, 3, 100, 0.3 };
static const struct bench_limits fork_full = { 400, 10, 1, 5.0 };
static const struct bench_limits fork_quick = { 10, 3, 1, 0.5 };
static const struct bench_limits exec_full = { 300, 10, 1, 6.0 };
static const struct bench_limits exec_quick = { 10, 3, 1, 0.5 };

/* Wait for pid: 0 if it exited with status 0, else a negative errno value. */
int child_wait(int pid)
{
    int status;

    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return -errno;
    }
    if (!WIFEXITED(status))
        return -ECHILD;
    return -WEXITSTATUS(status);
}

/*
 * Reap a helper child that should be ending on its own: its status, or
 * -ETIMEDOUT when it has not ended after the given seconds, in which case
 * it is killed (and reaped) so that the next metric starts clean.
 */
int child_wait_for(int pid, unsigned seconds)
{
    const struct timespec tick = { 0, 10 * 1000 * 1000 };
    int status;

    for (unsigned waited = 0; waited < seconds * 100; waited++) {
        int r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return WIFEXITED(status) ? -WEXITSTATUS(status) : -ECHILD;
        if (r < 0 && errno != EINTR)
            return -errno;
        nanosleep(&tick, NULL);
    }
    child_stop(pid);
    return -ETIMEDOUT;
}

/* End a helper child whatever it is doing, and reap it. */
void child_stop(int pid)
{
    if (pid <= 0)
        return;
    kill(pid, SIGKILL);
    child_wait(pid);
}

static int op_getppid(void *state)
{
    (void)state;
    return getppid() > 0 ? 0 : -ESRCH;
}

void bench_null_syscall(const struct bench_config *config)
{
    struct bench_sampler s;
    int rc;

    if (sampler_init(&s, "null_syscall", config, &null_full, &null_quick) < 0) {
        report_error("null_syscall", "malloc", ENOMEM);
        return;
    }
    rc = sample_ops(&s, op_getppid, NULL);
    if (rc < 0)
        report_error(s.metric, "getppid", rc);
    else
        report_ticks(&s);
    sampler_free(&s);
}

static int op_fork_exit(void *state)
{
    int pid = fork();

    (void)state;
    if (pid < 0)
        return -errno;
    if (pid == 0)
        _exit(0);
    return child_wait(pid);
}

void bench_fork_exit_wait(const struct bench_config *config)
{
    struct bench_sampler s;
    int rc;

    if (sampler_init(&s, "fork_exit_wait", config, &fork_full, &fork_quick) < 0) {
        report_error("fork_exit_wait", "malloc", ENOMEM);
        return;
    }
    rc = sample_ops(&s, op_fork_exit, NULL);
    if (rc < 0)
        report_error(s.metric, "fork", rc);
    else
        report_ticks(&s);
    sampler_free(&s);
}

/* Fork, exec argv (NULL-terminated) and wait for it to exit with status 0. */
static int op_fork_exec(void *state)
{
    char *const *argv = state;
    int pid = fork();

    if (pid < 0)
        return -errno;
    if (pid == 0) {
        execv(argv[0], argv);
        _exit(errno);
    }
    return child_wait(pid);
}

/* The fork+exec metrics: one untimed run proves the program starts. */
static void bench_program(const char *metric, const struct bench_config *config, char *const *argv)
{
    struct bench_sampler s;
    char what[160];
    int rc;

    snprintf(what, sizeof(what), "exec %s", argv[0]);
    rc = op_fork_exec((void *)argv);
    if (rc < 0) {
        report_error(metric, what, rc);
        return;
    }
    if (sampler_init(&s, metric, config, &exec_full, &exec_quick) < 0) {
        report_error(metric, "malloc", ENOMEM);
        return;
    }
    rc = sample_ops(&s, op_fork_exec, (void *)argv);
    if (rc < 0)
        report_error(metric, what, rc);
    else
        report_ticks(&s);
    sampler_free(&s);
}

void bench_fork_exec_wait(const struct bench_config *config)
{
    char *argv[] = { (char *)config->true_path, NULL };

    bench_program("fork_exec_wait", config, argv);
}

void bench_spawn_sh(const struct bench_config *config)
{
    char *argv[] = { "/bin/sh", "-c", "true", NULL };

    bench_program("spawn_sh", config, argv);
}
