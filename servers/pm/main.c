/*
 * pm: processes and signals. Start-up adopts the boot processes and starts
 * init; then every message is a request from a process, a CLOCK
 * notification (timers.c) or a SYSTEM notification (a fault, deliver.c).
 */
#include <string.h>
#include "pm.h"

static int (*const handlers[])(message *) = {
    [PM_FORK - PM_BASE] = do_fork,
    [PM_EXIT - PM_BASE] = do_exit,
    [PM_WAITPID - PM_BASE] = do_waitpid,
    [PM_GETPIDS - PM_BASE] = do_getpids,
    [PM_KILL - PM_BASE] = do_kill,
    [PM_SIGACTION - PM_BASE] = do_sigaction,
    [PM_SIGPROCMASK - PM_BASE] = do_sigprocmask,
    [PM_SIGSUSPEND - PM_BASE] = do_sigsuspend,
    [PM_SIGPENDING - PM_BASE] = do_sigpending,
    [PM_SIGRETURN - PM_BASE] = do_sigreturn,
    [PM_EXEC - PM_BASE] = do_exec,
    [PM_ALARM - PM_BASE] = do_alarm,
    [PM_TIMES - PM_BASE] = do_times,
    [PM_GETIDS - PM_BASE] = do_getids,
    [PM_SETUID - PM_BASE] = do_setuid,
    [PM_SETGID - PM_BASE] = do_setgid,
    [PM_SETSID - PM_BASE] = do_setsid,
    [PM_SETPGID - PM_BASE] = do_setpgid,
    [PM_GETPGID - PM_BASE] = do_getpgid,
    [PM_GETSID - PM_BASE] = do_getsid,
    [PM_GETTIME - PM_BASE] = do_gettime,
    [PM_SETTIME - PM_BASE] = do_settime,
    [PM_REBOOT - PM_BASE] = do_reboot,
    [PM_GETPROCS - PM_BASE] = do_getprocs,
    [PM_ITIMER - PM_BASE] = do_itimer,
    [PM_SRV_FORK - PM_BASE] = do_srv_fork,
    [PM_SRV_KILL - PM_BASE] = do_srv_kill,
    [PM_SIGNAL_PGRP - PM_BASE] = do_signal_pgrp,
    [PM_SLEEP - PM_BASE] = do_sleep,
    [PM_GETEP - PM_BASE] = do_getep,
    [PM_SRV_EXEC - PM_BASE] = do_srv_exec,
};

#define NR_HANDLERS (int)(sizeof(handlers) / sizeof(handlers[0]))

static void handle_request(message *m)
{
    int call = m->m_type - PM_BASE;

    caller = proc_by_ep(m->m_source);
    if (!caller || (caller->flags & MP_ZOMBIE)) {
        if (m->m_type != PM_SIGNAL_PGRP)
            srv_reply(m->m_source, m, -ESRCH);
        else
            do_signal_pgrp(m);
        return;
    }
    int r = call > 0 && call < NR_HANDLERS && handlers[call] ? handlers[call](m) : -ENOSYS;
    if (r == EDONTREPLY)
        return;
    if (!(caller->flags & MP_DELIVER)) {
        if (caller->ep >= 0)
            srv_reply_next(caller->ep, m, r); /* no signal waits for the reply */
        return;
    }
    reply_to(caller, m, r);
    if (caller->used && (caller->flags & MP_DELIVER)) {
        caller->flags &= ~MP_DELIVER;
        sig_check(caller);
    }
}

int main(void)
{
    message m;

    srv_start("pm", PM_EP);
    services_adopt();
    start_init();
    for (;;) {
        if (srv_receive(&m) < 0)
            continue;
        if (is_notify(&m)) {
            if (m.m_source == CLOCK)
                timers_expire();
            else if (m.m_source == SYSTEM)
                faults_handle();
            continue;
        }
        if (m.m_source == VFS_EP && (m.m_type < PM_BASE || m.m_type >= PM_BASE + 0x100)) {
            vfs_answer(&m); /* vfs's answer to our request (vfsq.c) */
            continue;
        }
        handle_request(&m);
    }
}
