/*
 * The calls newlib needs from the system. Until the servers exist they fail
 * with ENOSYS; each becomes a message to pm, vfs or vm.
 */
#include <errno.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/types.h>

#define NOSYS()                                                                                    \
    do {                                                                                           \
        errno = ENOSYS;                                                                            \
        return -1;                                                                                 \
    } while (0)

_Noreturn void _exit(int status)
{
    (void)status;
    for (;;)
        ;
}

int read(int fd, void *buf, size_t n)
{
    (void)fd, (void)buf, (void)n;
    NOSYS();
}
int write(int fd, const void *buf, size_t n)
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
    (void)fd;
    NOSYS();
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
void *sbrk(ptrdiff_t incr)
{
    (void)incr;
    errno = ENOMEM;
    return (void *)-1;
}
