/*
 * Signals for Ember: newlib's numbering (BSD's), with the complete POSIX
 * struct sigaction and flags that newlib's generic header lacks. pm keeps
 * the flags and masks exactly as given here. newlib is built with this
 * header too (lib/newlib/Makefile).
 */
#ifndef _SYS_SIGNAL_H
#define _SYS_SIGNAL_H

#include "_ansi.h"
#include <sys/cdefs.h>
#include <sys/features.h>
#include <sys/types.h>
#include <sys/_sigset.h>
#include <sys/_timespec.h>

__BEGIN_DECLS

#if !defined(_SIGSET_T_DECLARED)
#define _SIGSET_T_DECLARED
typedef __sigset_t sigset_t;
#endif

#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGIOT    6
#define SIGABRT   6
#define SIGEMT    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGBUS    10
#define SIGSEGV   11
#define SIGSYS    12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGURG    16
#define SIGSTOP   17
#define SIGTSTP   18
#define SIGCONT   19
#define SIGCHLD   20
#define SIGCLD    20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGIO     23
#define SIGPOLL   SIGIO
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGLOST   29
#define SIGUSR1   30
#define SIGUSR2   31
#define NSIG      32

union sigval {
    int sival_int;
    void *sival_ptr;
};

struct sigevent {
    int sigev_notify;
    int sigev_signo;
    union sigval sigev_value;
};

#define SIGEV_NONE   1
#define SIGEV_SIGNAL 2
#define SIGEV_THREAD 3

#define SI_USER    1
#define SI_QUEUE   2
#define SI_TIMER   3
#define SI_ASYNCIO 4
#define SI_MESGQ   5
#define SI_KERNEL  6

/* si_code of SIGCHLD */
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_TRAPPED   4
#define CLD_STOPPED   5
#define CLD_CONTINUED 6

typedef struct {
    int si_signo;
    int si_code;
    int si_errno;
    pid_t si_pid;
    uid_t si_uid;
    void *si_addr;
    int si_status;
    union sigval si_value;
} siginfo_t;

typedef void (*_sig_func_ptr)(int);

struct sigaction {
    union {
        _sig_func_ptr _handler;
        void (*_sigaction)(int, siginfo_t *, void *);
    } _signal_handlers;
    sigset_t sa_mask;
    int sa_flags;
};

#define sa_handler   _signal_handlers._handler
#define sa_sigaction _signal_handlers._sigaction

#define SA_NOCLDSTOP 0x0001
#define SA_SIGINFO   0x0002
#define SA_ONSTACK   0x0004
#define SA_RESTART   0x0008
#define SA_NODEFER   0x0010
#define SA_RESETHAND 0x0020
#define SA_NOCLDWAIT 0x0040

#define MINSIGSTKSZ 2048
#define SIGSTKSZ    8192
#define SS_ONSTACK  0x1
#define SS_DISABLE  0x2

typedef struct sigaltstack {
    void *ss_sp;
    int ss_flags;
    size_t ss_size;
} stack_t;

#define SIG_SETMASK 0
#define SIG_BLOCK   1
#define SIG_UNBLOCK 2

int sigprocmask(int, const sigset_t *, sigset_t *);
int kill(pid_t, int);
int killpg(pid_t, int);
int sigaction(int, const struct sigaction *, struct sigaction *);
int sigaddset(sigset_t *, const int);
int sigdelset(sigset_t *, const int);
int sigismember(const sigset_t *, int);
int sigfillset(sigset_t *);
int sigemptyset(sigset_t *);
int sigpending(sigset_t *);
int sigsuspend(const sigset_t *);
int sigwait(const sigset_t *, int *);
int sigaltstack(const stack_t *__restrict, stack_t *__restrict);
int siginterrupt(int, int);
#ifdef _COMPILING_NEWLIB
int _kill(pid_t, int);
#endif

__END_DECLS

#ifndef _SIGNAL_H_
#include <signal.h>
#endif

#endif /* _SYS_SIGNAL_H */
