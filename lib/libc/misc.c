/* uname, host name, sysconf, ioctl, system, popen, and isatty's fallback. */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ember/devices.h>
#include <ember/info.h>
#include "call.h"

extern char **environ;

int gethostname(char *name, size_t len)
{
    char buf[65] = "ember";
    FILE *f = fopen("/etc/hostname", "r");

    if (f) {
        if (fgets(buf, sizeof(buf), f))
            buf[strcspn(buf, "\n")] = '\0';
        fclose(f);
    }
    if (strlen(buf) + 1 > len)
        return (int)__ret(-ENAMETOOLONG);
    strcpy(name, buf);
    return 0;
}

int sethostname(const char *name, size_t len)
{
    (void)name, (void)len;
    return (int)__ret(-EPERM);
}

int uname(struct utsname *u)
{
    memset(u, 0, sizeof(*u));
    strcpy(u->sysname, "Ember");
    gethostname(u->nodename, sizeof(u->nodename));
    strcpy(u->release, "0.1");
    strcpy(u->version, "Ember 0.1 microkernel");
    strcpy(u->machine, "x86_64");
    return 0;
}

long sysconf(int name)
{
    switch (name) {
    case _SC_PAGESIZE:
        return 4096;
    case _SC_CLK_TCK:
        return 1000;
    case _SC_OPEN_MAX:
        return 64;
    case _SC_ARG_MAX:
        return 256 * 1024;
    case _SC_CHILD_MAX:
        return 500;
    case _SC_NPROCESSORS_CONF:
    case _SC_NPROCESSORS_ONLN:
        return 1;
    case _SC_LINE_MAX:
        return 2048;
    default:
        errno = EINVAL;
        return -1;
    }
}

long fpathconf(int fd, int name)
{
    (void)fd;
    switch (name) {
    case _PC_NAME_MAX:
        return 255;
    case _PC_PATH_MAX:
        return 1024;
    case _PC_PIPE_BUF:
        return 4096;
    case _PC_LINK_MAX:
        return 32000;
    default:
        errno = EINVAL;
        return -1;
    }
}

long pathconf(const char *path, int name)
{
    (void)path;
    return fpathconf(-1, name);
}

int ioctl(int fd, unsigned long request, ...)
{
    message m;
    va_list ap;

    va_start(ap, request);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    __msg(&m, VFS_IOCTL);
    m.vfs_fd.fd = fd;
    m.vfs_fd.arg = (int64_t)request;
    m.vfs_fd.buf = (uint64_t)arg;
    return (int)__ret(__server_call_restart(VFS_EP, &m));
}

/* Used only until the terminal library supplies the real one. */
__attribute__((weak)) int isatty(int fd)
{
    struct stat st;

    if (__startup.kconsole && (fd == 1 || fd == 2))
        return 1;
    if (fstat(fd, &st) < 0)
        return 0;
    if (S_ISCHR(st.st_mode) && DEV_MAJOR(st.st_rdev) == TTY_MAJOR)
        return 1;
    errno = ENOTTY;
    return 0;
}

int system(const char *cmd)
{
    struct sigaction ign, oint, oquit;
    sigset_t block, old;
    int status;

    if (!cmd)
        return 1;
    memset(&ign, 0, sizeof(ign));
    ign.sa_handler = SIG_IGN;
    sigaction(SIGINT, &ign, &oint);
    sigaction(SIGQUIT, &ign, &oquit);
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old);
    pid_t pid = fork();
    if (pid == 0) {
        sigaction(SIGINT, &oint, NULL);
        sigaction(SIGQUIT, &oquit, NULL);
        sigprocmask(SIG_SETMASK, &old, NULL);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    if (pid < 0)
        status = -1;
    else
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
    sigaction(SIGINT, &oint, NULL);
    sigaction(SIGQUIT, &oquit, NULL);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return status;
}

#define MAX_POPEN 16
static struct {
    FILE *f;
    pid_t pid;
} popens[MAX_POPEN];

FILE *popen(const char *cmd, const char *mode)
{
    int fds[2], slot = -1;
    bool reading = mode[0] == 'r';

    for (int i = 0; i < MAX_POPEN && slot < 0; i++)
        if (!popens[i].f)
            slot = i;
    if (slot < 0 || (mode[0] != 'r' && mode[0] != 'w'))
        return errno = slot < 0 ? EMFILE : EINVAL, NULL;
    if (pipe(fds) < 0)
        return NULL;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[reading ? 1 : 0], reading ? 1 : 0);
        close(fds[0]);
        close(fds[1]);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    close(fds[reading ? 1 : 0]);
    if (pid < 0) {
        close(fds[reading ? 0 : 1]);
        return NULL;
    }
    popens[slot].f = fdopen(fds[reading ? 0 : 1], mode);
    popens[slot].pid = pid;
    return popens[slot].f;
}

int pclose(FILE *f)
{
    int status;

    for (int i = 0; i < MAX_POPEN; i++) {
        if (popens[i].f != f)
            continue;
        fclose(f);
        popens[i].f = NULL;
        while (waitpid(popens[i].pid, &status, 0) < 0)
            if (errno != EINTR)
                return -1;
        return status;
    }
    errno = ECHILD;
    return -1;
}

int getprocs(struct pm_procinfo *buf, int max)
{
    message m;

    __msg(&m, PM_GETPROCS);
    m.pm_getprocs.buf = (uint64_t)buf;
    m.pm_getprocs.size = (uint64_t)max * sizeof(*buf);
    return (int)__ret(__server_call(PM_EP, &m));
}

/* 0 if this process may read (write, if asked) len bytes at p, or -EFAULT:
 * for the few calls whose libc half follows a pointer it was given. */
int __user_range(const void *p, size_t len, bool write)
{
    message m;

    __msg(&m, VM_CHECK);
    m.vm_mem.addr = (uint64_t)p;
    m.vm_mem.len = len;
    m.vm_mem.write = write;
    long r = __server_call(VM_EP, &m);
    return r < 0 ? (int)r : 0;
}

int meminfo(uint64_t *total_pages, uint64_t *free_pages)
{
    message m;

    __msg(&m, VM_INFO);
    long r = __server_call(VM_EP, &m);
    if (r == 0) {
        *total_pages = m.vm_info.total_pages;
        *free_pages = m.vm_info.free_pages;
    }
    return (int)__ret(r);
}

uint64_t uptime_ns(void)
{
    message m;

    __msg(&m, PM_GETTIME);
    __server_call(PM_EP, &m);
    return m.pm_time.uptime_ns;
}
