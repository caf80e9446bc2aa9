/*
 * exec: the argument frame (ember/execframe.h) is built here, in the
 * caller's memory, and pm and vfs take it from there. The execv and execl
 * families and the PATH search are built on execve.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include <ember/execframe.h>
#include "call.h"

#define ARG_MAX_BYTES (256 * 1024)

extern char **environ;

static size_t frame_size(char *const argv[], char *const envp[])
{
    size_t n = 8 * 8;

    for (int i = 0; argv && argv[i]; i++)
        n += 8 + strlen(argv[i]) + 1;
    for (int i = 0; envp && envp[i]; i++)
        n += 8 + strlen(envp[i]) + 1;
    return (n + 15) & ~(size_t)15;
}

int execve(const char *path, char *const argv[], char *const envp[])
{
    message m;
    size_t size = frame_size(argv, envp);

    if (size > ARG_MAX_BYTES)
        return (int)__ret(-E2BIG);
    void *frame = malloc(size);
    if (!frame)
        return (int)__ret(-ENOMEM);
    long len = exec_frame_build(frame, size, argv, envp);
    if (len < 0) {
        free(frame);
        return (int)__ret(len);
    }
    __msg(&m, PM_EXEC);
    m.pm_exec.path = (uint64_t)path;
    m.pm_exec.path_len = PATH_ARG_LEN;
    m.pm_exec.frame = (uint64_t)frame;
    m.pm_exec.frame_len = (uint32_t)len;
    long r = __server_call(PM_EP, &m); /* returns only on failure */
    free(frame);
    return (int)__ret(r < 0 ? r : -EIO);
}

int execv(const char *path, char *const argv[])
{
    return execve(path, argv, environ);
}

/* Try each directory of PATH; a script without "#!" runs under /bin/sh. */
int execvpe(const char *file, char *const argv[], char *const envp[])
{
    const char *path = getenv("PATH");
    char buf[1024];
    int saved = ENOENT;

    if (!file[0])
        return (int)__ret(-ENOENT);
    if (strchr(file, '/'))
        return execve(file, argv, envp);
    if (!path)
        path = "/bin:/usr/bin:/sbin";
    while (*path) {
        size_t n = strcspn(path, ":");
        if (n + strlen(file) + 2 <= sizeof(buf)) {
            memcpy(buf, path, n);
            buf[n] = '\0';
            strcat(strcat(buf, n ? "/" : ""), file);
            execve(buf, argv, envp);
            if (errno != ENOENT && errno != ENOTDIR)
                saved = errno;
        }
        path += n + (path[n] == ':');
    }
    errno = saved;
    return -1;
}

int execvp(const char *file, char *const argv[])
{
    return execvpe(file, argv, environ);
}

/* Collect execl-style arguments into a vector on the stack. */
#define COLLECT(first, ap, argv)                                                                   \
    do {                                                                                           \
        int n_ = 1;                                                                                \
        argv[0] = (char *)(first);                                                                 \
        while (n_ < 255 && (argv[n_] = va_arg(ap, char *)) != NULL)                                \
            n_++;                                                                                  \
        argv[n_] = NULL;                                                                           \
    } while (0)

int execl(const char *path, const char *arg, ...)
{
    char *argv[256];
    va_list ap;

    va_start(ap, arg);
    COLLECT(arg, ap, argv);
    va_end(ap);
    return execve(path, argv, environ);
}

int execlp(const char *file, const char *arg, ...)
{
    char *argv[256];
    va_list ap;

    va_start(ap, arg);
    COLLECT(arg, ap, argv);
    va_end(ap);
    return execvp(file, argv);
}

int execle(const char *path, const char *arg, ...)
{
    char *argv[256];
    va_list ap;

    va_start(ap, arg);
    COLLECT(arg, ap, argv);
    char **envp = va_arg(ap, char **);
    va_end(ap);
    return execve(path, argv, envp);
}
