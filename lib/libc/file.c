/* Descriptors: open, read, write, lseek, close, dup, fcntl, pipe, fsync. */
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <unistd.h>
#include "call.h"

static long path_call(int call, const char *path, int flags, int mode, int64_t arg)
{
    message m;

    __msg(&m, call);
    m.vfs_path.path = (uint64_t)path;
    m.vfs_path.len = PATH_ARG_LEN;
    m.vfs_path.flags = flags;
    m.vfs_path.mode = mode;
    m.vfs_path.arg = arg;
    return __server_call(VFS_EP, &m);
}

int open(const char *path, int flags, ...)
{
    int mode = 0;

    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, int);
        va_end(ap);
    }
    long fd = path_call(VFS_OPEN, path, flags, mode, 0);
    if (__startup.kconsole && fd >= 0 && fd <= 2) {
        /* Here 0-2 mean the kernel console (see fstat, write): keep real
         * files above them. */
        long high = fcntl((int)fd, (flags & O_CLOEXEC) ? F_DUPFD_CLOEXEC : F_DUPFD, 3);
        int err = errno;
        close((int)fd);
        fd = high < 0 ? -err : high;
    }
    return (int)__ret(fd);
}

int creat(const char *path, mode_t mode)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

static ssize_t io(int call, int fd, uint64_t buf, size_t len, int flags, off_t off)
{
    message m;

    __msg(&m, call);
    m.vfs_io.fd = fd;
    m.vfs_io.buf = buf;
    m.vfs_io.len = len;
    m.vfs_io.flags = flags;
    m.vfs_io.off = off;
    long r = __server_call_restart(VFS_EP, &m);
    if (r == -EPIPE && call == VFS_WRITE)
        kill(getpid(), SIGPIPE);
    return (ssize_t)__ret(r);
}

_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t len)
{
    return io(VFS_READ, fd, (uint64_t)buf, len, 0, 0);
}

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t len)
{
    if (__startup.kconsole && (fd == 1 || fd == 2)) {
        int r = sys_kprint(buf, len);
        return r < 0 ? __ret(r == -EFAULT ? -EFAULT : -EIO) : (ssize_t)len;
    }
    return io(VFS_WRITE, fd, (uint64_t)buf, len, 0, 0);
}

ssize_t pread(int fd, void *buf, size_t len, off_t off)
{
    return io(VFS_READ, fd, (uint64_t)buf, len, VFS_AT_OFF, off);
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
    return io(VFS_WRITE, fd, (uint64_t)buf, len, VFS_AT_OFF, off);
}

off_t lseek(int fd, off_t off, int whence)
{
    message m;

    __msg(&m, VFS_LSEEK);
    m.vfs_seek.fd = fd;
    m.vfs_seek.offset = off;
    m.vfs_seek.whence = whence;
    long r = __server_call(VFS_EP, &m);
    return r < 0 ? (off_t)__ret(r) : (off_t)m.vfs_seek.offset;
}

static long fd_call(int call, int fd, int fd2, int cmd, int64_t arg, message *m)
{
    __msg(m, call);
    m->vfs_fd.fd = fd;
    m->vfs_fd.fd2 = fd2;
    m->vfs_fd.cmd = cmd;
    m->vfs_fd.arg = arg;
    return __server_call(VFS_EP, m);
}

int close(int fd)
{
    message m;
    return (int)__ret(fd_call(VFS_CLOSE, fd, 0, 0, 0, &m));
}

int dup(int fd)
{
    message m;
    return (int)__ret(fd_call(VFS_DUP, fd, -1, 0, 0, &m));
}

int dup2(int fd, int fd2)
{
    message m;

    if (fd2 < 0)
        return (int)__ret(-EBADF);
    return (int)__ret(fd_call(VFS_DUP, fd, fd2, 0, 0, &m));
}

int fcntl(int fd, int cmd, ...)
{
    message m;
    va_list ap;

    va_start(ap, cmd);
    long arg = va_arg(ap, long); /* absent for some commands: unused then */
    va_end(ap);
    return (int)__ret(fd_call(VFS_FCNTL, fd, 0, cmd, arg, &m));
}

int pipe2(int fds[2], int flags)
{
    message m;

    __msg(&m, VFS_PIPE);
    m.vfs_fd.flags = flags;
    m.vfs_fd.buf = (uint64_t)fds; /* vfs stores the pair (EFAULT for a bad pointer) */
    return (int)__ret(__server_call(VFS_EP, &m));
}

int pipe(int fds[2])
{
    return pipe2(fds, 0);
}

int fsync(int fd)
{
    message m;
    return (int)__ret(fd_call(VFS_FSYNC, fd, 0, 0, 0, &m));
}

int fdatasync(int fd)
{
    return fsync(fd);
}

void sync(void)
{
    message m;

    __msg(&m, VFS_SYNC);
    __server_call(VFS_EP, &m);
}

long __vfs_path_call(int call, const char *path, int flags, int mode, int64_t arg)
{
    return path_call(call, path, flags, mode, arg);
}
