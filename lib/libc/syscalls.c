/*
 * The calls newlib needs from the system. Boot processes (which run before
 * vfs and vm exist) write to the kernel console, grow their heap inside the
 * premapped region the kernel gave them, and exit by clearing themselves.
 * The rest fail with ENOSYS until the servers answer them.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <ember/sys.h>
#include <ember/startup.h>

#define NOSYS()                                                                                    \
    do {                                                                                           \
        errno = ENOSYS;                                                                            \
        return -1;                                                                                 \
    } while (0)

extern char _end[];

_Noreturn void _exit(int status)
{
    sys_clear(SELF, status);
    for (;;)
        ;
}

int write(int fd, const void *buf, size_t n)
{
    if (__startup.boot && (fd == 1 || fd == 2)) {
        int r = sys_kprint(buf, n);
        if (r < 0) {
            errno = r == -EFAULT ? EFAULT : EIO;
            return -1;
        }
        return (int)n;
    }
    errno = EBADF;
    return -1;
}

void *sbrk(ptrdiff_t incr)
{
    static uintptr_t brk;

    if (!brk)
        brk = (uintptr_t)_end;
    if ((incr > 0 && brk + (uintptr_t)incr > __startup.heap_end) ||
        (incr < 0 && (uintptr_t)-incr > brk - (uintptr_t)_end)) {
        errno = ENOMEM;
        return (void *)-1;
    }
    uintptr_t old = brk;
    brk += incr;
    return (void *)old;
}

int read(int fd, void *buf, size_t n)
{
    (void)fd, (void)buf, (void)n;
    NOSYS();
}
int open(const char *path, int flags, int mode)
{
    (void)path, (void)flags, (void)mode;
    NOSYS();
}
int close(int fd)
{
    (void)fd;
    NOSYS();
}
off_t lseek(int fd, off_t off, int whence)
{
    (void)fd, (void)off, (void)whence;
    NOSYS();
}
int fstat(int fd, struct stat *st)
{
    (void)fd, (void)st;
    NOSYS();
}
int isatty(int fd)
{
    return __startup.boot && (fd == 1 || fd == 2);
}
int kill(int pid, int sig)
{
    (void)pid, (void)sig;
    NOSYS();
}
int getpid(void)
{
    NOSYS();
}
