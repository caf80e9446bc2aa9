/*
 * Commands that run in child processes: pipelines, ( subshells ) and
 * background lists. Each child is forked through the job table, runs its
 * part of the tree with EV_EXIT (so a simple command at the end replaces
 * the child instead of forking again) and exits.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "exec.h"
#include "jobs.h"
#include "options.h"
#include "redir.h"
#include "sh.h"
#include "show.h"
#include "trap.h"

/* The text of a job, only when someone may list it. */
static char *job_text(struct node *n, bool background)
{
    if (!opt.monitor && !background)
        return NULL;
    return show_command(n);
}

static struct job *new_job(struct node *n, bool background)
{
    char *text = job_text(n, background);
    struct job *job = job_new(text);

    free(text);
    return job;
}

int exec_subshell(struct node *n, int flags)
{
    struct job *job;
    pid_t pid;

    if (exec_can_replace(flags)) {
        if (redir_apply(n->redirs, NULL) < 0)
            exec_child_exit(2);
        return exec_node(n->sub.body, EV_EXIT);
    }
    job = new_job(n, false);
    pid = job_fork(job, true);
    if (pid == 0) {
        if (redir_apply(n->redirs, NULL) < 0)
            exec_child_exit(2);
        exec_child_exit(exec_node(n->sub.body, EV_EXIT));
    }
    return job_wait_foreground(job);
}

/* A background child without job control: no ^C, no terminal input. */
static void detach_from_terminal(void)
{
    int fd;

    trap_ignore_interrupts();
    fd = open("/dev/null", O_RDONLY);
    if (fd > 0) {
        dup2(fd, 0);
        close(fd);
    }
}

int exec_background(struct node *n)
{
    struct job *job = new_job(n->sub.body, true);
    bool controlled = job->controlled; /* the child forgets its jobs */
    pid_t pid = job_fork(job, false);

    if (pid == 0) {
        if (!controlled)
            detach_from_terminal();
        exec_child_exit(exec_node(n->sub.body, EV_EXIT));
    }
    if (pid > 0)
        job_put_background(job);
    return 0;
}

/* The child of stage i: connect its ends of the pipes, run, exit. */
static _Noreturn void run_stage(struct node *cmd, int in, int out_read, int out_write)
{
    if (in >= 0) {
        dup2(in, 0);
        close(in);
    }
    if (out_write >= 0) {
        close(out_read);
        dup2(out_write, 1);
        close(out_write);
    }
    exec_child_exit(exec_node(cmd, EV_EXIT));
}

static int make_pipe(int fds[2])
{
    if (pipe(fds) < 0) {
        sh_error("cannot make a pipe: %s", strerror(errno));
        return -1;
    }
    fds[0] = fd_move_high(fds[0]);
    fds[1] = fd_move_high(fds[1]);
    return 0;
}

static int run_pipeline(struct node *n)
{
    struct job *job = new_job(n, false);
    int in = -1;

    for (int i = 0; i < n->pipe.ncmds; i++) {
        int fds[2] = { -1, -1 };
        pid_t pid;

        if (i + 1 < n->pipe.ncmds && make_pipe(fds) < 0)
            break;
        pid = job_fork(job, true);
        if (pid == 0)
            run_stage(n->pipe.cmds[i], in, fds[0], fds[1]);
        if (in >= 0)
            close(in);
        if (fds[1] >= 0)
            close(fds[1]);
        in = fds[0];
        if (pid < 0)
            break;
    }
    if (in >= 0)
        close(in);
    return job_wait_foreground(job);
}

int exec_pipeline(struct node *n, int flags)
{
    int status;

    if (n->pipe.ncmds == 1)
        status = exec_node(n->pipe.cmds[0], (flags & ~EV_EXIT) | (n->pipe.bang ? EV_TESTED : 0));
    else
        status = run_pipeline(n);
    return n->pipe.bang ? !status : status;
}
