/*
 * The process manager's protocol: processes, signals, identities, time.
 * Callers are user processes (through libc) and, for the PM_SRV_* calls,
 * rs. Pointers are addresses in the caller; pm copies through the kernel.
 */
#ifndef EMBER_PROTO_PM_H
#define EMBER_PROTO_PM_H

#include <ember/proto/common.h>

enum pm_call {
    PM_FORK = PM_BASE + 1, /* -> child pid (parent), 0 (child) */
    PM_EXIT,               /* status; no reply */
    PM_WAITPID,            /* pid, options -> pid; status */
    PM_GETPIDS,            /* -> pid, ppid, pgrp, sid */
    PM_KILL,               /* pid, sig */
    PM_SIGACTION,          /* sig, act, oact, trampoline */
    PM_SIGPROCMASK,        /* how, set -> old */
    PM_SIGSUSPEND,         /* mask */
    PM_SIGPENDING,         /* -> set */
    PM_SIGRETURN,          /* frame; no reply: the frame's registers resume */
    PM_EXEC,               /* path, len, frame, frame_len */
    PM_ALARM,              /* seconds -> seconds left */
    PM_TIMES,              /* -> user, sys, children user, children sys, uptime (ns) */
    PM_GETIDS,             /* -> uid, euid, gid, egid */
    PM_SETUID,             /* id (uid and euid) */
    PM_SETGID,
    PM_SETSID,      /* -> sid */
    PM_SETPGID,     /* pid, pgid */
    PM_GETPGID,     /* pid -> pgid */
    PM_GETSID,      /* pid -> sid */
    PM_GETTIME,     /* -> uptime ns, boot time (s) */
    PM_SETTIME,     /* seconds since the epoch (root) */
    PM_REBOOT,      /* how (RB_*) (root) */
    PM_GETPROCS,    /* buf, size -> count of struct pm_procinfo */
    PM_ITIMER,      /* which, value, interval -> old value, old interval (us) */
    PM_SRV_FORK,    /* rs: fork a service -> pid; endpoint */
    PM_SRV_KILL,    /* rs: end a service: ep */
    PM_SIGNAL_PGRP, /* drivers (tty): pgrp, sig; async, no reply */
    PM_SLEEP,       /* ns; -> 0 or -EINTR (nanosleep) */
    PM_GETEP,       /* pid -> endpoint (for services) */
    PM_SRV_EXEC,    /* rs: target, path, frame: start a program in a PM_SRV_FORK child */
};

/* PM_REBOOT how */
#define RB_HALT     1
#define RB_POWEROFF 2
#define RB_REBOOT   3

struct pm_fork {
    int32_t pid;   /* reply */
    endpoint_t ep; /* reply (PM_SRV_FORK) */
};

struct pm_exit {
    int32_t status;
};

struct pm_waitpid {
    int32_t pid;
    int32_t options;
    int32_t status; /* reply */
};

struct pm_getpids {
    int32_t pid, ppid, pgrp, sid; /* reply */
};

struct pm_kill {
    int32_t pid;
    int32_t sig;
};

struct pm_sigaction {
    int32_t sig;
    int32_t pad;
    uint64_t act;        /* struct pm_sigact in the caller, or 0 */
    uint64_t oact;       /* where to store the old one, or 0 */
    uint64_t trampoline; /* libc's signal entry, which runs handlers */
};

/* What pm keeps per signal (libc converts struct sigaction). */
struct pm_sigact {
    uint64_t handler; /* SIG_DFL 0, SIG_IGN 1, or an address */
    uint64_t mask;
    uint32_t flags; /* SA_* as in libc's signal.h */
    uint32_t pad;
};

struct pm_sigmask {
    int32_t how;
    int32_t pad;
    uint64_t set; /* in; reply: the old mask (or the pending set) */
};

struct pm_sigreturn {
    uint64_t frame; /* address of the struct pm_sigframe on the user stack */
};

/*
 * PM_EXEC: path and frame (argc/argv/envp block, ember/execframe.h) in the
 * caller. PM_SRV_EXEC: rs has loaded the program into its child target
 * itself (vm and copies; no file system involved): path is the entry
 * point, frame the stack pointer, name the process's name.
 */
struct pm_exec {
    uint64_t path;
    uint64_t frame;
    uint32_t path_len;
    uint32_t frame_len;
    endpoint_t target;
    uint32_t pad;
    char name[16];
};

struct pm_alarm {
    int64_t seconds; /* in; reply: seconds left on the previous alarm */
};

struct pm_itimer {
    int32_t which;
    int32_t pad;
    int64_t value_us, interval_us; /* in; reply: the old ones */
};

struct pm_times {
    uint64_t user_ns, sys_ns, cuser_ns, csys_ns, uptime_ns; /* reply */
};

struct pm_ids {
    int32_t uid, euid, gid, egid; /* reply (PM_GETIDS), or in: uid/gid to set */
};

struct pm_pgid {
    int32_t pid, pgid; /* in; reply in pgid */
};

struct pm_time {
    uint64_t uptime_ns; /* reply */
    int64_t boottime;   /* reply; in for PM_SETTIME: seconds since the epoch now */
    uint64_t tsc;       /* reply */
};

struct pm_reboot {
    int32_t how;
};

struct pm_getprocs {
    uint64_t buf;
    uint64_t size;
};

struct pm_procinfo {
    int32_t pid, ppid, pgrp, sid, uid, gid;
    endpoint_t ep;
    int32_t state; /* 'R' running, 'S' sleeping, 'T' stopped, 'Z' zombie */
    uint64_t user_ns, sys_ns, start_ns;
    uint64_t mem_kb;
    char name[32];
};

struct pm_signal_pgrp {
    int32_t pgrp;
    int32_t sig;
};

struct pm_sleep {
    uint64_t ns;      /* in */
    uint64_t left_ns; /* reply when interrupted */
};

struct pm_getep {
    int32_t pid;
    endpoint_t ep; /* reply */
};

/* The frame pm builds on the user stack to run a handler; PM_SIGRETURN
 * restores from it. pm starts libc's signal entry (the "trampoline" given
 * with PM_SIGACTION) as entry(signo, frame, handler, flags). */
/* Where a signal came from: SI_USER with the sender's pid and uid for
 * kill(), CLD_* with the child's pid and status for SIGCHLD, SI_KERNEL for
 * faults and timers. */
struct pm_siginfo {
    int32_t code;
    int32_t pid;
    int32_t uid;
    int32_t status;
};

struct pm_sigframe {
    uint64_t retaddr; /* the trampoline */
    uint64_t signo;
    uint64_t old_mask;
    struct pm_siginfo info; /* what libc's siginfo_t says of the signal */
    uint64_t regs[19];      /* struct user_regs at the time of the signal */
    uint8_t fpu_pad[8];
};

#define PM_LAYOUTS                                                                                 \
    struct pm_fork pm_fork;                                                                        \
    struct pm_exit pm_exit;                                                                        \
    struct pm_waitpid pm_waitpid;                                                                  \
    struct pm_getpids pm_getpids;                                                                  \
    struct pm_kill pm_kill;                                                                        \
    struct pm_sigaction pm_sigaction;                                                              \
    struct pm_sigmask pm_sigmask;                                                                  \
    struct pm_sigreturn pm_sigreturn;                                                              \
    struct pm_exec pm_exec;                                                                        \
    struct pm_alarm pm_alarm;                                                                      \
    struct pm_itimer pm_itimer;                                                                    \
    struct pm_times pm_times;                                                                      \
    struct pm_ids pm_ids;                                                                          \
    struct pm_pgid pm_pgid;                                                                        \
    struct pm_time pm_time;                                                                        \
    struct pm_reboot pm_reboot;                                                                    \
    struct pm_getprocs pm_getprocs;                                                                \
    struct pm_signal_pgrp pm_signal_pgrp;                                                          \
    struct pm_sleep pm_sleep;                                                                      \
    struct pm_getep pm_getep;

#endif
