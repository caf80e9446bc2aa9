/* Processes: fork, exit, wait, ids, groups and sessions, times, reboot. */
#include <stdlib.h>
#include <sys/reboot.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>
#include "call.h"

extern void __stdio_exit_hook(void);

pid_t fork(void)
{
    message m;

    __msg(&m, PM_FORK);
    return (pid_t)__ret(__server_call(PM_EP, &m));
}

pid_t vfork(void)
{
    return fork();
}

/* Is pm running, in its well-known slot? A boot process may run in a
 * set-up without it (the kernel's and the drivers' tests). */
static bool pm_present(void)
{
    static struct kinfo_module mods[32];
    int n = 0;

    if (sys_getinfo(INFO_MODULES, mods, sizeof(mods), &n) < 0)
        return false;
    for (int i = 0; i < n && i < 32; i++)
        if (mods[i].ep == PM_EP)
            return strcmp(mods[i].name, "pm") == 0;
    return false;
}

_Noreturn void _exit(int status)
{
    message m;

    if (__startup.boot && (sys_self() == PM_EP || !pm_present()))
        sys_clear(SELF, status); /* nobody to tell */
    __msg(&m, PM_EXIT);
    m.pm_exit.status = status;
    ipc_call(PM_EP, &m);
    for (;;)
        sys_clear(SELF, status); /* not reached: pm has cleared us */
}

_Noreturn void _Exit(int status)
{
    _exit(status);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
    message m;

    __msg(&m, PM_WAITPID);
    m.pm_waitpid.pid = pid;
    m.pm_waitpid.options = options;
    long r = __server_call_restart(PM_EP, &m);
    if (r > 0 && status)
        *status = m.pm_waitpid.status;
    return (pid_t)__ret(r);
}

pid_t wait(int *status)
{
    return waitpid(-1, status, 0);
}

static struct pm_getpids pids(void)
{
    message m;

    __msg(&m, PM_GETPIDS);
    __server_call(PM_EP, &m);
    return m.pm_getpids;
}

pid_t getpid(void)
{
    return pids().pid;
}
pid_t getppid(void)
{
    return pids().ppid;
}
pid_t getpgrp(void)
{
    return pids().pgrp;
}

static struct pm_ids ids(void)
{
    message m;

    __msg(&m, PM_GETIDS);
    __server_call(PM_EP, &m);
    return m.pm_ids;
}

uid_t getuid(void)
{
    return (uid_t)ids().uid;
}
uid_t geteuid(void)
{
    return (uid_t)ids().euid;
}
gid_t getgid(void)
{
    return (gid_t)ids().gid;
}
gid_t getegid(void)
{
    return (gid_t)ids().egid;
}

static int set_id(int call, int id)
{
    message m;

    __msg(&m, call);
    m.pm_ids.uid = m.pm_ids.gid = id;
    return (int)__ret(__server_call(PM_EP, &m));
}

int setuid(uid_t uid)
{
    return set_id(PM_SETUID, (int)uid);
}
int setgid(gid_t gid)
{
    return set_id(PM_SETGID, (int)gid);
}
int seteuid(uid_t uid)
{
    return set_id(PM_SETUID, (int)uid);
}
int setegid(gid_t gid)
{
    return set_id(PM_SETGID, (int)gid);
}

int getgroups(int size, gid_t list[])
{
    if (size == 0)
        return 1;
    if (size < 0) {
        errno = EINVAL;
        return -1;
    }
    list[0] = getegid();
    return 1;
}

int setgroups(int size, const gid_t *list)
{
    (void)size, (void)list;
    return geteuid() == 0 ? 0 : (errno = EPERM, -1);
}

pid_t setsid(void)
{
    message m;

    __msg(&m, PM_SETSID);
    return (pid_t)__ret(__server_call(PM_EP, &m));
}

static long pgid_call(int call, pid_t pid, pid_t pgid)
{
    message m;

    __msg(&m, call);
    m.pm_pgid.pid = pid;
    m.pm_pgid.pgid = pgid;
    return __ret(__server_call(PM_EP, &m));
}

int setpgid(pid_t pid, pid_t pgid)
{
    return (int)pgid_call(PM_SETPGID, pid, pgid);
}
pid_t getpgid(pid_t pid)
{
    return (pid_t)pgid_call(PM_GETPGID, pid, 0);
}
pid_t getsid(pid_t pid)
{
    return (pid_t)pgid_call(PM_GETSID, pid, 0);
}
int setpgrp(void)
{
    return setpgid(0, 0);
}

clock_t times(struct tms *t)
{
    message m;

    __msg(&m, PM_TIMES);
    if (__ret(__server_call(PM_EP, &m)) < 0)
        return (clock_t)-1;
    /* clock ticks of CLK_TCK (newlib: 1000) per second */
    t->tms_utime = (clock_t)(m.pm_times.user_ns / 1000000);
    t->tms_stime = (clock_t)(m.pm_times.sys_ns / 1000000);
    t->tms_cutime = (clock_t)(m.pm_times.cuser_ns / 1000000);
    t->tms_cstime = (clock_t)(m.pm_times.csys_ns / 1000000);
    return (clock_t)(m.pm_times.uptime_ns / 1000000);
}

int reboot(int how)
{
    message m;

    __msg(&m, PM_REBOOT);
    m.pm_reboot.how = how == RB_AUTOBOOT ? RB_REBOOT : how == RB_POWER_OFF ? RB_POWEROFF : RB_HALT;
    return (int)__ret(__server_call(PM_EP, &m));
}
