/*
 * pm's process table. A process is known by its pid and, while it lives,
 * by its endpoint; a zombie keeps its pid until its parent waits.
 *
 * A process waiting on pm (wait, sigsuspend, sleep) has no reply yet; the
 * reply is sent when the wait ends. Signals are delivered only to a process
 * that is not in the middle of IPC (deliver.c), so a handler never starts
 * in the middle of a call.
 */
#ifndef PM_H
#define PM_H

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <ember/server.h>
#include <ember/proto/pm.h>

#define NR_PROCS 512

/* Wait statuses, as libc's <sys/wait.h> macros decode them. */
#define EXIT_STATUS(code) (((code)&0xFF) << 8)
#define SIG_STATUS(sig)   ((sig)&0x7F)
#define STOP_STATUS(sig)  ((((sig)&0xFF) << 8) | 0x7F)
#define INIT_PID          1
#define PM_NSIG           32

/* flags */
#define MP_ZOMBIE      0x001
#define MP_WAITING     0x002 /* in waitpid: no reply yet */
#define MP_SIGSUSPEND  0x004 /* in sigsuspend: no reply yet */
#define MP_SLEEPING    0x008 /* in nanosleep: no reply yet */
#define MP_STOPPED     0x010 /* stopped by a signal */
#define MP_SERVICE     0x020 /* a system process (boot service or started by rs) */
#define MP_STOP_REPORT 0x040 /* stopped, not yet reported to a WUNTRACED wait */
#define MP_DELIVER     0x080 /* a signal waits for the end of its call to pm */
#define MP_EXITING     0x100 /* vfs is closing its files; then a zombie */
#define MP_UNPAUSING   0x200 /* vfs was asked to end its blocked call */
#define MP_EXECED      0x400 /* has run exec since its fork (setpgid by the parent: EACCES) */

struct mproc {
    bool used;
    int pid, ppid, pgrp, sid;
    endpoint_t ep;
    uint32_t flags;
    int status; /* wait status once a zombie or stopped */
    int wait_pid, wait_options;
    uint64_t sig_mask, sig_pending, saved_mask;
    struct pm_sigact sigact[PM_NSIG];
    struct pm_siginfo siginfo[PM_NSIG]; /* of each pending signal */
    uint64_t trampoline;
    int uid, euid, gid, egid;
    uint64_t alarm_at, itimer_interval; /* uptime ns; 0: none */
    uint64_t sleep_until;
    uint64_t retry_at; /* deliver pending signals again then */
    uint64_t child_user_ns, child_sys_ns;
    uint64_t start_ns;
    char name[32];
};

extern struct mproc procs[NR_PROCS];
extern struct mproc *caller; /* the process whose request is being handled */

/* proc.c */
struct mproc *proc_by_ep(endpoint_t ep);
struct mproc *proc_by_pid(int pid);
struct mproc *proc_alloc(void);
void proc_free(struct mproc *mp);
void proc_unbind(struct mproc *mp);
void proc_bind(struct mproc *mp, endpoint_t ep);
uint64_t now_ns(void);
void reply_to(struct mproc *mp, message *m, int result);
void finish_call(struct mproc *mp, message *m, int result);

/* forkexit.c, wait.c, exec.c */
int do_fork(message *m);
int do_exit(message *m);
void exit_proc(struct mproc *mp, int status);
int do_waitpid(message *m);
bool wait_wakes(struct mproc *parent, struct mproc *child);
void tell_parent(struct mproc *child);
typedef void (*exec_done_fn)(struct mproc *mp, int result);
int do_exec(message *m);
void exec_into(struct mproc *target, endpoint_t src, uint64_t path, uint32_t path_len,
               uint64_t frame, uint32_t frame_len, exec_done_fn done);
int srv_start_loaded(struct mproc *target, const struct pm_exec *e);

/* vfsq.c: requests to vfs, asynchronous and in order */
typedef void (*vfs_done_fn)(struct mproc *mp, message *reply);
void vfs_request(message *m, struct mproc *mp, vfs_done_fn done);
void vfs_tell(int call, struct mproc *mp, struct mproc *child, vfs_done_fn done);
void vfs_answer(message *reply);

/* signal.c, deliver.c */
int do_kill(message *m);
int do_sigaction(message *m);
int do_sigprocmask(message *m);
int do_sigsuspend(message *m);
int do_sigpending(message *m);
int do_sigreturn(message *m);
int do_signal_pgrp(message *m);
void sig_send(struct mproc *mp, int sig);
void sig_send_info(struct mproc *mp, int sig, const struct pm_siginfo *info);
void sig_check(struct mproc *mp);
void sig_deliver_pending(struct mproc *mp);
void faults_handle(void);
bool sig_default_ignored(int sig);

/* timers.c */
int do_alarm(message *m);
int do_itimer(message *m);
int do_sleep(message *m);
void timers_expire(void);
void timers_update(void);

/* ids.c, misc.c, service.c */
int do_getpids(message *m);
int do_getids(message *m);
void tell_vfs_pgrp(struct mproc *mp);
int do_setuid(message *m);
int do_setgid(message *m);
int do_setsid(message *m);
int do_setpgid(message *m);
int do_getpgid(message *m);
int do_getsid(message *m);
int do_times(message *m);
int do_gettime(message *m);
int do_settime(message *m);
int do_reboot(message *m);
int do_getprocs(message *m);
int do_getep(message *m);
int do_srv_fork(message *m);
int do_srv_kill(message *m);
int do_srv_exec(message *m);
void services_adopt(void);
void start_init(void);

#endif
