/* Names of errors, signals and wait statuses, for the failure messages. */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include "posixtest.h"

/* clang-format off */
#define NAME(x) { x, #x }
/* clang-format on */

static const struct {
    int value;
    const char *name;
} errnos[] = {
    NAME(EPERM),   NAME(ENOENT),    NAME(ESRCH),      NAME(EINTR),   NAME(EIO),
    NAME(ENXIO),   NAME(E2BIG),     NAME(ENOEXEC),    NAME(EBADF),   NAME(ECHILD),
    NAME(EAGAIN),  NAME(ENOMEM),    NAME(EACCES),     NAME(EFAULT),  NAME(EBUSY),
    NAME(EEXIST),  NAME(EXDEV),     NAME(ENODEV),     NAME(ENOTDIR), NAME(EISDIR),
    NAME(EINVAL),  NAME(ENFILE),    NAME(EMFILE),     NAME(ENOTTY),  NAME(ETXTBSY),
    NAME(EFBIG),   NAME(ENOSPC),    NAME(ESPIPE),     NAME(EROFS),   NAME(EMLINK),
    NAME(EPIPE),   NAME(EDOM),      NAME(ERANGE),     NAME(EDEADLK), NAME(ENAMETOOLONG),
    NAME(ENOLCK),  NAME(ENOSYS),    NAME(ENOTEMPTY),  NAME(ELOOP),   NAME(EOVERFLOW),
    NAME(ENOTSUP), NAME(ETIMEDOUT), NAME(EOPNOTSUPP),
};

static const struct {
    int value;
    const char *name;
} signals[] = {
    NAME(SIGHUP),  NAME(SIGINT),   NAME(SIGQUIT), NAME(SIGILL),  NAME(SIGTRAP), NAME(SIGABRT),
    NAME(SIGBUS),  NAME(SIGFPE),   NAME(SIGKILL), NAME(SIGUSR1), NAME(SIGSEGV), NAME(SIGUSR2),
    NAME(SIGPIPE), NAME(SIGALRM),  NAME(SIGTERM), NAME(SIGCHLD), NAME(SIGCONT), NAME(SIGSTOP),
    NAME(SIGTSTP), NAME(SIGTTIN),  NAME(SIGTTOU), NAME(SIGURG),  NAME(SIGXCPU), NAME(SIGXFSZ),
    NAME(SIGSYS),  NAME(SIGWINCH),
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* "ENOENT", or the number for an error without a name here. */
const char *errname(int err)
{
    static char other[3][24];
    static int next;

    if (err == 0)
        return "0";
    for (size_t i = 0; i < COUNT(errnos); i++)
        if (errnos[i].value == err)
            return errnos[i].name;
    char *buf = other[next++ % 3];
    snprintf(buf, sizeof(other[0]), "errno %d", err);
    return buf;
}

const char *signame(int sig)
{
    static char other[3][24];
    static int next;

    for (size_t i = 0; i < COUNT(signals); i++)
        if (signals[i].value == sig)
            return signals[i].name;
    char *buf = other[next++ % 3];
    snprintf(buf, sizeof(other[0]), "signal %d", sig);
    return buf;
}

/* A wait status in words: "exited with 3", "killed by SIGSEGV", ... */
const char *describe_status(int status, char *buf, size_t len)
{
    if (WIFEXITED(status))
        snprintf(buf, len, "exited with %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(buf, len, "killed by %s", signame(WTERMSIG(status)));
    else if (WIFSTOPPED(status))
        snprintf(buf, len, "stopped by %s", signame(WSTOPSIG(status)));
    else
        snprintf(buf, len, "status %#x", (unsigned)status);
    return buf;
}
