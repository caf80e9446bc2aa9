/*
 * Jobs: the processes of a pipeline or background command, waited for as
 * one. With job control (set -m, on in interactive shells) each job runs
 * in its own process group, and the terminal's foreground group follows
 * the job in the foreground.
 */
#ifndef SH_JOBS_H
#define SH_JOBS_H

#include <stdbool.h>
#include <sys/types.h>
#include <termios.h>

enum job_state { JOB_RUNNING, JOB_STOPPED, JOB_DONE };

struct proc {
    pid_t pid;
    int wstatus;
    enum job_state state;
};

struct job {
    struct job *next;
    int id;     /* %n; 0 until it is listed */
    pid_t pgid; /* its process group, with job control */
    struct proc *procs;
    int nprocs;
    int cap;
    enum job_state state;
    char *text;      /* the command, for listings */
    bool controlled; /* in its own process group */
    bool background; /* started with & or continued with bg */
    bool notified;   /* the last change of state was reported */
    bool has_tmodes; /* tmodes: the terminal settings it stopped with */
    struct termios tmodes;
    unsigned long seq; /* recency, for %+ and %- */
};

/* A job for the processes about to be forked; text may be NULL. */
struct job *job_new(const char *text);
/*
 * Fork one process of the job. Returns 0 in the child (which is now a
 * subshell, in the job's process group), the pid in the parent, or -1.
 */
pid_t job_fork(struct job *job, bool foreground);
/* Wait for a foreground job to finish or stop; frees it when finished. */
int job_wait_foreground(struct job *job);
/* Keep a job running in the background ($!, "[1] pid" when interactive). */
void job_put_background(struct job *job);
/* Continue a stopped or background job (fg, bg). */
int job_resume(struct job *job, bool foreground);
/* The job was sent SIGCONT: its stopped processes run again (a wait for it
 * waits for its end, not for a stop already reported). */
void job_continued(struct job *job);

/* Collect finished children without blocking. */
void jobs_reap(void);
/* Report jobs that finished or stopped since the last prompt. */
void jobs_notify(void);
/* jobs: list them. */
void jobs_list(bool long_format, bool pids_only);
/*
 * wait: for one job (or pid), or for all with NULL. A trapped signal
 * ends the wait with 128 + its number.
 */
int jobs_wait(struct job *job, pid_t pid);
int jobs_wait_all(void);

/* %n %+ %- %% %str %?str (who: the builtin, for the message); NULL if none. */
struct job *job_lookup(const char *spec, const char *who);
/* The job with a process of this pid, or NULL. */
struct job *job_by_pid(pid_t pid);

void jobs_set_control(bool on);
/* At exit: give the terminal back to the process group we came from. */
void jobs_release_terminal(void);

#endif
