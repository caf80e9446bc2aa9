/*
 * The job table. Every child the shell waits for belongs to a job, and
 * every wait goes through waitpid(-1), so a background job that ends
 * while the shell waits for another is recorded, and reported later.
 * Jobs get a number only when the user can see them: in the background
 * or stopped. A foreground job that finishes is freed at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc.h"
#include "error.h"
#include "jobs.h"
#include "options.h"
#include "redir.h"
#include "sh.h"
#include "trap.h"

static struct job *jobs;
static unsigned long job_seq;

/* Job control state: the terminal and the process groups. */
static int tty_fd = -1;
static pid_t shell_pgid;
static pid_t original_pgid;
static struct termios shell_tmodes;
static bool have_shell_tmodes;

/*
 * A script that starts many background jobs and never waits must not
 * fill memory or the process table: finished children are collected
 * before each new job, and past MAX_JOBS, finished jobs that are not $!
 * are dropped.
 */
#define MAX_JOBS 1024

static void job_free(struct job *job);

static void forget_old_jobs(void)
{
    int count = 0;
    struct job *j, *next;

    for (j = jobs; j; j = j->next)
        count++;
    if (count > 0)
        jobs_reap();
    if (count < MAX_JOBS)
        return;
    for (j = jobs; j; j = next) {
        next = j->next;
        if (j->state == JOB_DONE && j->background &&
            (!j->nprocs || j->procs[j->nprocs - 1].pid != sh.lastbg))
            job_free(j);
    }
}

struct job *job_new(const char *text)
{
    struct job *j;

    forget_old_jobs();
    j = xcalloc(1, sizeof *j);

    j->text = xstrdup(text ? text : "");
    j->controlled = opt.monitor && !sh.subshell && tty_fd >= 0;
    j->next = jobs;
    jobs = j;
    return j;
}

static void job_free(struct job *job)
{
    for (struct job **pp = &jobs; *pp; pp = &(*pp)->next) {
        if (*pp == job) {
            *pp = job->next;
            break;
        }
    }
    free(job->procs);
    free(job->text);
    free(job);
}

static void assign_id(struct job *job)
{
    int id = 1;

    if (job->id)
        return;
    for (bool taken = true; taken; id++) {
        taken = false;
        for (struct job *j = jobs; j; j = j->next)
            taken |= j->id == id;
        if (!taken)
            break;
    }
    job->id = id;
}

/* In a new child: it is a subshell now, without the parent's jobs. */
static void become_child(struct job *job, bool foreground)
{
    bool parent_controls = opt.monitor;

    if (job->controlled) {
        pid_t pgid = job->pgid ? job->pgid : getpid();

        setpgid(0, pgid);
        if (foreground)
            tcsetpgrp(tty_fd, pgid);
    }
    if (tty_fd >= 0)
        close(tty_fd);
    tty_fd = -1;
    sh.subshell++;
    opt.monitor = false;
    while (jobs)
        job_free(jobs);
    trap_reset_for_subshell();
    /* In the shell's own group (command substitution), ^Z must not stop us. */
    if (parent_controls && !job->controlled)
        trap_ignore_job_signals();
}

pid_t job_fork(struct job *job, bool foreground)
{
    pid_t pid;

    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if (pid < 0) {
        sh_error("cannot fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        become_child(job, foreground);
        return 0;
    }
    if (job->controlled) {
        if (!job->pgid)
            job->pgid = pid;
        setpgid(pid, job->pgid);
    }
    if (job->nprocs == job->cap) {
        job->cap = job->cap ? job->cap * 2 : 4;
        job->procs = xrealloc(job->procs, sizeof *job->procs * (size_t)job->cap);
    }
    job->procs[job->nprocs++] = (struct proc){ .pid = pid, .state = JOB_RUNNING };
    return pid;
}

static int wait_status_code(int wstatus)
{
    if (WIFEXITED(wstatus))
        return WEXITSTATUS(wstatus);
    if (WIFSIGNALED(wstatus))
        return 128 + WTERMSIG(wstatus);
    if (WIFSTOPPED(wstatus))
        return 128 + WSTOPSIG(wstatus);
    return 0;
}

static int job_status(struct job *job)
{
    int status = 0;

    if (job->nprocs == 0)
        return 0;
    if (!opt.pipefail)
        return wait_status_code(job->procs[job->nprocs - 1].wstatus);
    for (int i = 0; i < job->nprocs; i++) {
        int s = wait_status_code(job->procs[i].wstatus);

        if (s)
            status = s;
    }
    return status;
}

static void update_state(struct job *job)
{
    bool running = false, stopped = false;
    enum job_state old = job->state;

    for (int i = 0; i < job->nprocs; i++) {
        running |= job->procs[i].state == JOB_RUNNING;
        stopped |= job->procs[i].state == JOB_STOPPED;
    }
    job->state = running ? JOB_RUNNING : stopped ? JOB_STOPPED : JOB_DONE;
    if (job->state != old)
        job->notified = false;
}

/* Note the new status of a child in its job. */
static void record(pid_t pid, int wstatus)
{
    for (struct job *j = jobs; j; j = j->next) {
        for (int i = 0; i < j->nprocs; i++) {
            struct proc *p = &j->procs[i];

            if (p->pid != pid)
                continue;
            p->wstatus = wstatus;
            p->state = WIFSTOPPED(wstatus) ? JOB_STOPPED : JOB_DONE;
            update_state(j);
            return;
        }
    }
}

/* No children are left: whatever is still running is gone. */
static void forget_lost_children(void)
{
    for (struct job *j = jobs; j; j = j->next) {
        for (int i = 0; i < j->nprocs; i++) {
            if (j->procs[i].state == JOB_RUNNING)
                j->procs[i].state = JOB_DONE;
        }
        update_state(j);
    }
}

/* One waitpid(-1); false if there was nothing to wait for. */
static bool wait_one(int options, bool *interrupted)
{
    int wstatus;
    pid_t pid = waitpid(-1, &wstatus, options | (opt.monitor ? WUNTRACED : 0));

    *interrupted = false;
    if (pid < 0 && errno == EINTR) {
        *interrupted = true;
        return true;
    }
    if (pid < 0) {
        if (errno == ECHILD)
            forget_lost_children();
        return false;
    }
    if (pid == 0)
        return false;
    record(pid, wstatus);
    return true;
}

void jobs_reap(void)
{
    bool interrupted;

    while (wait_one(WNOHANG, &interrupted))
        ;
}

static void make_current(struct job *job)
{
    job->seq = ++job_seq;
}

/* '+' for the current job, '-' for the previous one, else ' '. */
static char job_mark(const struct job *job)
{
    unsigned long first = 0, second = 0;

    for (struct job *j = jobs; j; j = j->next) {
        if (!j->id)
            continue;
        if (j->seq > first) {
            second = first;
            first = j->seq;
        } else if (j->seq > second) {
            second = j->seq;
        }
    }
    return job->seq == first ? '+' : job->seq == second && second ? '-' : ' ';
}

static void describe_state(const struct job *job, char *buf, size_t size)
{
    int wstatus = job->nprocs ? job->procs[job->nprocs - 1].wstatus : 0;

    if (job->state == JOB_RUNNING)
        snprintf(buf, size, "Running");
    else if (job->state == JOB_STOPPED)
        snprintf(buf, size, "Stopped");
    else if (WIFSIGNALED(wstatus))
        snprintf(buf, size, "%s", strsignal(WTERMSIG(wstatus)));
    else if (WEXITSTATUS(wstatus))
        snprintf(buf, size, "Done(%d)", WEXITSTATUS(wstatus));
    else
        snprintf(buf, size, "Done");
}

static void print_job(FILE *f, const struct job *job, bool long_format)
{
    char state[64];

    describe_state(job, state, sizeof state);
    fprintf(f, "[%d]%c  ", job->id, job_mark(job));
    if (long_format)
        fprintf(f, "%ld ", job->nprocs ? (long)job->procs[0].pid : 0L);
    fprintf(f, "%-24s%s%s\n", state, job->text, job->state == JOB_RUNNING ? " &" : "");
}

/* The terminal goes back to the shell, with the shell's settings. */
static void reclaim_terminal(struct job *job)
{
    if (!job->controlled || tty_fd < 0)
        return;
    tcsetpgrp(tty_fd, shell_pgid);
    if (job->state == JOB_STOPPED)
        job->has_tmodes = tcgetattr(tty_fd, &job->tmodes) == 0;
    if (have_shell_tmodes)
        tcsetattr(tty_fd, TCSADRAIN, &shell_tmodes);
}

/* What a foreground job's end tells the user: ^C, a crash, a stop. */
static void report_foreground(struct job *job)
{
    int wstatus = job->procs[job->nprocs - 1].wstatus;

    if (job->state == JOB_STOPPED) {
        assign_id(job);
        make_current(job);
        job->notified = true;
        fputc('\n', stderr);
        print_job(stderr, job, false);
        return;
    }
    if (!WIFSIGNALED(wstatus))
        return;
    if (WTERMSIG(wstatus) == SIGINT) {
        if (sh.interactive && !sh.subshell) {
            fputc('\n', stderr);
            trap_note_interrupt();
        }
    } else if (WTERMSIG(wstatus) != SIGPIPE && sh.interactive) {
        fprintf(stderr, "%s\n", strsignal(WTERMSIG(wstatus)));
    }
}

int job_wait_foreground(struct job *job)
{
    bool interrupted;
    int status;

    if (job->nprocs == 0) {
        job_free(job);
        return 2;
    }
    if (job->controlled && tty_fd >= 0)
        tcsetpgrp(tty_fd, job->pgid);
    while (job->state == JOB_RUNNING && wait_one(0, &interrupted))
        ;
    reclaim_terminal(job);
    status = job_status(job);
    if (job->nprocs)
        report_foreground(job);
    if (job->state == JOB_DONE)
        job_free(job);
    return status;
}

void job_put_background(struct job *job)
{
    pid_t last = job->nprocs ? job->procs[job->nprocs - 1].pid : 0;

    job->background = true;
    sh.lastbg = last;
    if (!sh.interactive || sh.subshell)
        return;
    assign_id(job);
    make_current(job);
    fprintf(stderr, "[%d] %ld\n", job->id, (long)last);
}

void job_continued(struct job *job)
{
    for (int i = 0; i < job->nprocs; i++) {
        if (job->procs[i].state == JOB_STOPPED)
            job->procs[i].state = JOB_RUNNING;
    }
    update_state(job);
}

int job_resume(struct job *job, bool foreground)
{
    if (!job->controlled) {
        sh_error("%s: job %d was not started with job control", foreground ? "fg" : "bg", job->id);
        return 1;
    }
    make_current(job);
    job_continued(job);
    if (!foreground) {
        job->background = true;
        printf("[%d]%c %s &\n", job->id, job_mark(job), job->text);
        fflush(stdout);
        kill(-job->pgid, SIGCONT);
        return 0;
    }
    printf("%s\n", job->text);
    fflush(stdout);
    job->background = false;
    tcsetpgrp(tty_fd, job->pgid);
    if (job->has_tmodes)
        tcsetattr(tty_fd, TCSADRAIN, &job->tmodes);
    kill(-job->pgid, SIGCONT);
    return job_wait_foreground(job);
}

void jobs_notify(void)
{
    struct job *j, *next;

    jobs_reap();
    for (j = jobs; j; j = next) {
        next = j->next;
        if (!j->id || j->notified)
            continue;
        if (j->state == JOB_DONE) {
            print_job(stderr, j, false);
            job_free(j);
        } else if (j->state == JOB_STOPPED) {
            print_job(stderr, j, false);
            j->notified = true;
        }
    }
}

/* Oldest first, as the user started them. */
static void list_in_order(struct job *j, bool long_format, bool pids_only)
{
    if (!j)
        return;
    list_in_order(j->next, long_format, pids_only);
    if (!j->id && !j->background)
        return;
    assign_id(j);
    if (pids_only)
        printf("%ld\n", (long)(j->pgid ? j->pgid : j->procs[0].pid));
    else
        print_job(stdout, j, long_format);
    j->notified = true;
}

void jobs_list(bool long_format, bool pids_only)
{
    struct job *j, *next;

    jobs_reap();
    list_in_order(jobs, long_format, pids_only);
    for (j = jobs; j; j = next) {
        next = j->next;
        if (j->state == JOB_DONE && j->notified)
            job_free(j);
    }
}

struct job *job_by_pid(pid_t pid)
{
    for (struct job *j = jobs; j; j = j->next) {
        for (int i = 0; i < j->nprocs; i++) {
            if (j->procs[i].pid == pid)
                return j;
        }
    }
    return NULL;
}

static struct job *job_by_mark(char mark)
{
    for (struct job *j = jobs; j; j = j->next) {
        if ((j->id || j->background) && (assign_id(j), job_mark(j) == mark))
            return j;
    }
    return NULL;
}

static struct job *job_by_text(const char *s, bool anywhere)
{
    for (struct job *j = jobs; j; j = j->next) {
        if (!j->id && !j->background)
            continue;
        if (anywhere ? strstr(j->text, s) != NULL : strncmp(j->text, s, strlen(s)) == 0)
            return j;
    }
    return NULL;
}

struct job *job_lookup(const char *spec, const char *who)
{
    struct job *found = NULL;
    const char *s = spec[0] == '%' ? spec + 1 : spec;

    if (!*s || strcmp(s, "%") == 0 || strcmp(s, "+") == 0)
        found = job_by_mark('+');
    else if (strcmp(s, "-") == 0)
        found = job_by_mark('-');
    else if (s[0] >= '0' && s[0] <= '9') {
        int id = atoi(s);

        for (struct job *j = jobs; j && !found; j = j->next)
            found = j->id == id ? j : NULL;
    } else if (s[0] == '?') {
        found = job_by_text(s + 1, true);
    } else {
        found = job_by_text(s, false);
    }
    if (!found)
        sh_error("%s: %s: no such job", who, spec);
    return found;
}

/* A trapped signal ends a wait; its status is 128 + the signal. */
static int interrupted_wait(void)
{
    int sig = trap_pending_signal();

    return sig ? 128 + sig : -1;
}

int jobs_wait(struct job *job, pid_t pid)
{
    struct proc *target = NULL;
    bool interrupted;
    int status;

    for (int i = 0; pid && i < job->nprocs; i++) {
        if (job->procs[i].pid == pid)
            target = &job->procs[i];
    }
    while (target ? target->state == JOB_RUNNING : job->state == JOB_RUNNING) {
        if (!wait_one(0, &interrupted))
            break;
        if (interrupted && interrupted_wait() > 0)
            return interrupted_wait();
    }
    status = target ? wait_status_code(target->wstatus) : job_status(job);
    if (job->state == JOB_DONE)
        job_free(job);
    return status;
}

static bool any_running(void)
{
    for (struct job *j = jobs; j; j = j->next) {
        if (j->state == JOB_RUNNING && j->background)
            return true;
    }
    return false;
}

int jobs_wait_all(void)
{
    bool interrupted;
    struct job *j, *next;

    while (any_running()) {
        if (!wait_one(0, &interrupted))
            break;
        if (interrupted && interrupted_wait() > 0)
            return interrupted_wait();
    }
    for (j = jobs; j; j = next) {
        next = j->next;
        if (j->state == JOB_DONE)
            job_free(j);
    }
    return 0;
}

/* A terminal fd of our own, or -1. */
static int open_terminal(void)
{
    static const int candidates[] = { 2, 0, 1 };

    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
        if (isatty(candidates[i])) {
            int fd = fcntl(candidates[i], F_DUPFD_CLOEXEC, 10);

            return fd >= 0 ? fd_move_high(fd) : -1;
        }
    }
    return -1;
}

/* Wait until we are in the foreground, then take the terminal. */
static bool take_terminal(void)
{
    pid_t pgrp;

    while ((pgrp = tcgetpgrp(tty_fd)) >= 0 && pgrp != getpgrp())
        kill(0, SIGTTIN);
    if (pgrp < 0)
        return false;
    original_pgid = pgrp;
    shell_pgid = getpid();
    if (getpgrp() != shell_pgid && setpgid(0, shell_pgid) < 0)
        return false;
    if (tcsetpgrp(tty_fd, shell_pgid) < 0)
        return false;
    have_shell_tmodes = tcgetattr(tty_fd, &shell_tmodes) == 0;
    return true;
}

void jobs_set_control(bool on)
{
    if (on == opt.monitor)
        return;
    if (!on) {
        jobs_release_terminal();
        opt.monitor = false;
        trap_update_all();
        return;
    }
    if (sh.subshell || (tty_fd = open_terminal()) < 0 || !take_terminal()) {
        if (tty_fd >= 0)
            close(tty_fd);
        tty_fd = -1;
        sh_error("cannot use the terminal: job control is off");
        return;
    }
    opt.monitor = true;
    trap_update_all();
}

void jobs_release_terminal(void)
{
    if (tty_fd < 0)
        return;
    if (original_pgid && original_pgid != shell_pgid) {
        setpgid(0, original_pgid);
        tcsetpgrp(tty_fd, original_pgid);
    }
    close(tty_fd);
    tty_fd = -1;
}
