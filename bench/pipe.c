/*
 * Pipe metrics: a one-byte ping-pong between two processes, which costs two
 * writes, two reads and two context switches per round trip, and select()
 * on a pipe that already holds data, which never blocks.
 */
#include <errno.h>
#include <sys/select.h>
#include <sys/types.h>
#include <unistd.h>

#include "bench.h"

static const struct bench_limits pingpong_full = { 2000, 10, 10, 4.0 };
static const struct bench_limits pingpong_quick = { 30, 3, 10, 0.3 };
static const struct bench_limits select_full = { 2000, 10, 50, 3.0 };
static const struct bench_limits select_quick = { 30, 3, 50, 0.3 };

struct pingpong {
    int to_child;   /* parent writes the ping here */
    int from_child; /* and reads the pong here */
    int pid;
};

/* The child's side: echo each byte until the parent closes its end. */
static void pingpong_echo(int in, int out)
{
    char byte;

    while (read(in, &byte, 1) == 1) {
        if (write(out, &byte, 1) != 1)
            _exit(1);
    }
    _exit(0);
}

static int pingpong_start(struct pingpong *pp)
{
    int down[2], up[2];

    if (pipe(down) < 0)
        return -errno;
    if (pipe(up) < 0) {
        int error = errno;
        close(down[0]);
        close(down[1]);
        return -error;
    }
    pp->pid = fork();
    if (pp->pid == 0) {
        close(down[1]);
        close(up[0]);
        pingpong_echo(down[0], up[1]);
    }
    int error = errno;
    close(down[0]);
    close(up[1]);
    pp->to_child = down[1];
    pp->from_child = up[0];
    if (pp->pid < 0) {
        close(down[1]);
        close(up[0]);
        return -error;
    }
    return 0;
}

static void pingpong_stop(struct pingpong *pp)
{
    close(pp->to_child);
    close(pp->from_child);
    if (pp->pid > 0)
        child_wait(pp->pid);
}

static int op_pingpong(void *state)
{
    struct pingpong *pp = state;
    char byte = 'p';

    if (write(pp->to_child, &byte, 1) != 1)
        return -EPIPE;
    if (read(pp->from_child, &byte, 1) != 1)
        return -EPIPE;
    return 0;
}

void bench_pipe_pingpong(const struct bench_config *config)
{
    struct bench_sampler s;
    struct pingpong pp;
    int rc;

    if (sampler_init(&s, "pipe_pingpong", config, &pingpong_full, &pingpong_quick) < 0) {
        report_error("pipe_pingpong", "malloc", ENOMEM);
        return;
    }
    rc = pingpong_start(&pp);
    if (rc < 0) {
        report_error(s.metric, "pipe or fork", rc);
        sampler_free(&s);
        return;
    }
    rc = sample_ops(&s, op_pingpong, &pp);
    pingpong_stop(&pp);
    if (rc < 0)
        report_error(s.metric, "pipe round trip", rc);
    else
        report_ticks(&s);
    sampler_free(&s);
}

static int op_select_ready(void *state)
{
    int fd = *(int *)state;
    struct timeval zero = { 0, 0 };
    fd_set readable;
    int n;

    FD_ZERO(&readable);
    FD_SET(fd, &readable);
    n = select(fd + 1, &readable, NULL, NULL, &zero);
    if (n < 0)
        return -errno;
    return n == 1 && FD_ISSET(fd, &readable) ? 0 : -EAGAIN;
}

void bench_select_pipe(const struct bench_config *config)
{
    struct bench_sampler s;
    int fds[2], rc;

    if (pipe(fds) < 0) {
        report_error("select_pipe", "pipe", errno);
        return;
    }
    if (write(fds[1], "s", 1) != 1) {
        report_error("select_pipe", "write", errno);
    } else if (sampler_init(&s, "select_pipe", config, &select_full, &select_quick) < 0) {
        report_error("select_pipe", "malloc", ENOMEM);
    } else {
        rc = sample_ops(&s, op_select_ready, &fds[0]);
        if (rc < 0)
            report_error(s.metric, "select", rc);
        else
            report_ticks(&s);
        sampler_free(&s);
    }
    close(fds[0]);
    close(fds[1]);
}
