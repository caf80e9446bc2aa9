/*
 * Failure reasons and child processes.
 *
 * Each process collects the reasons it failed for. A child started by
 * start_child() gets a pipe back to its parent (report_fd) and sends that
 * reason through it when it exits unsuccessfully, so a failure deep in a
 * child shows up in the case's one-line verdict. The runner starts every
 * case the same way. fork_child() closes the inherited report pipe in a
 * new child so that only the process it belongs to holds its write end:
 * once that process is gone, the parent's read cannot block.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posixtest.h"

int report_fd = -1;
static char reason[REASON_MAX];

/* Append "file:line: message" to the reason, "; " between entries. */
static void add_reason(const char *file, int line, const char *fmt, va_list ap)
{
    size_t used = strlen(reason);

    if (used + 8 >= sizeof(reason))
        return;
    if (used)
        used += (size_t)snprintf(reason + used, sizeof(reason) - used, "; ");
    int n = snprintf(reason + used, sizeof(reason) - used, "%s:%d: ", file, line);
    if (n > 0 && used + (size_t)n < sizeof(reason))
        vsnprintf(reason + used + n, sizeof(reason) - used - (size_t)n, fmt, ap);
}

int fail_at(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    add_reason(file, line, fmt, ap);
    va_end(ap);
    return -1;
}

int soft_result(void)
{
    return reason[0] ? -1 : 0;
}

const char *fail_reason(void)
{
    return reason[0] ? reason : "failed without a reason";
}

/* fork() with stdio flushed; the child starts with no reason and no pipe. */
pid_t fork_child(void)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        if (report_fd >= 0)
            close(report_fd);
        report_fd = -1;
        reason[0] = '\0';
    }
    return pid;
}

/* End a child: 0 for success, else 1 with the reason sent to the parent. */
_Noreturn void child_exit(int result)
{
    if (result != 0) {
        const char *why = fail_reason();
        if (report_fd >= 0) {
            write_all(report_fd, why, strlen(why));
        } else {
            char line[REASON_MAX + 64];
            int n = snprintf(line, sizeof(line), "posixtest:   child %d: %s\n", (int)getpid(), why);
            write_all(2, line, (size_t)n);
        }
    }
    _exit(result ? 1 : 0);
}

int start_child(struct child *c, int (*fn)(void *), void *arg)
{
    int p[2];

    c->pid = -1;
    c->report = -1;
    if (pipe(p) < 0)
        FAIL("pipe for a child's report: %s", errname(errno));
    pid_t pid = fork_child();
    if (pid == 0) {
        close(p[0]);
        report_fd = p[1];
        child_exit(fn(arg));
    }
    close(p[1]);
    if (pid < 0) {
        close(p[0]);
        FAIL("fork: %s", errname(errno));
    }
    c->pid = pid;
    c->report = p[0];
    return 0;
}

/* waitpid() that gives up after timeout_ms: then the child is killed and
   -1 returned with errno ETIMEDOUT. */
int wait_timeout(pid_t pid, int *status, int timeout_ms)
{
    long deadline = now_ms() + timeout_ms, step = 1;

    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid)
            return 0;
        if (r < 0 && errno != EINTR)
            return -1;
        if (r == 0 && now_ms() > deadline) {
            kill(pid, SIGKILL);
            while (waitpid(pid, status, 0) < 0 && errno == EINTR)
                ;
            errno = ETIMEDOUT;
            return -1;
        }
        if (r == 0) {
            sleep_ms(step);
            step = step < 20 ? step * 2 : 20;
        }
    }
}

/* Wait for a child started by start_child(); 0 if it exited with 0, -2 if
   it overran timeout_ms (and was killed), else -1; what happened in why. */
int finish_child(struct child *c, int *status, char *why, size_t len, int timeout_ms)
{
    char said[REASON_MAX] = "", how[64];
    int st = 0;

    if (wait_timeout(c->pid, &st, timeout_ms) < 0) {
        int err = errno;
        close(c->report);
        if (err == ETIMEDOUT) {
            snprintf(why, len, "child %d did not finish within %d ms", (int)c->pid, timeout_ms);
            return -2;
        }
        snprintf(why, len, "waitpid(%d): %s", (int)c->pid, errname(err));
        return -1;
    }
    if (status)
        *status = st;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 1) {
        ssize_t n = read_all(c->report, said, sizeof(said) - 1);
        said[n > 0 ? n : 0] = '\0';
    }
    close(c->report);
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return 0;
    if (said[0])
        snprintf(why, len, "%s", said);
    else
        snprintf(why, len, "child %d %s", (int)c->pid, describe_status(st, how, sizeof(how)));
    return -1;
}

int expect_child_ok(struct child *c, const char *file, int line)
{
    char why[REASON_MAX + 64];

    if (finish_child(c, NULL, why, sizeof(why), CHILD_TIMEOUT_MS) < 0) {
        if (strchr(why, ':'))
            return fail_at(file, line, "in child: %s", why);
        return fail_at(file, line, "%s", why);
    }
    return 0;
}

/* Run fn(arg) in a child for a call that might block for good: a child
   that overruns timeout_ms is reported as "WHAT did not return". */
int expect_returns(int (*fn)(void *), void *arg, int timeout_ms, const char *what, const char *file,
                   int line)
{
    char why[REASON_MAX + 64];
    struct child c;

    if (start_child(&c, fn, arg) < 0)
        return -1;
    int r = finish_child(&c, NULL, why, sizeof(why), timeout_ms);
    if (r == -2)
        return fail_at(file, line, "%s did not return within %d ms", what, timeout_ms);
    if (r < 0)
        return fail_at(file, line, "in child: %s", why);
    return 0;
}

static int wait_for(pid_t pid, int *status, const char *file, int line)
{
    if (wait_timeout(pid, status, CHILD_TIMEOUT_MS) == 0)
        return 0;
    if (errno == ETIMEDOUT)
        return fail_at(file, line, "child %d did not finish within %d ms", (int)pid,
                       CHILD_TIMEOUT_MS);
    return fail_at(file, line, "waitpid(%d): %s", (int)pid, errname(errno));
}

int expect_exit(pid_t pid, int code, const char *file, int line)
{
    char how[64];
    int st;

    if (wait_for(pid, &st, file, line) < 0)
        return -1;
    if (!WIFEXITED(st) || WEXITSTATUS(st) != code)
        return fail_at(file, line, "child %d %s, expected exit %d", (int)pid,
                       describe_status(st, how, sizeof(how)), code);
    return 0;
}

int expect_signal(pid_t pid, int sig, const char *file, int line)
{
    char how[64];
    int st;

    if (wait_for(pid, &st, file, line) < 0)
        return -1;
    if (!WIFSIGNALED(st) || WTERMSIG(st) != sig)
        return fail_at(file, line, "child %d %s, expected to be killed by %s", (int)pid,
                       describe_status(st, how, sizeof(how)), signame(sig));
    return 0;
}

/* The pid of a process that existed and is gone (reaped). */
pid_t dead_pid(void)
{
    pid_t pid = fork_child();

    if (pid == 0)
        _exit(0);
    if (pid > 0)
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
            ;
    return pid;
}
