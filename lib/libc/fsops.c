/* Names and attributes: stat, mkdir, unlink, rename, links, modes, times. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <unistd.h>
#include <utime.h>
#include "call.h"

long __vfs_path_call(int call, const char *path, int flags, int mode, int64_t arg);

static long two_paths(int call, const char *a, const char *b, uint64_t buf, uint32_t buflen)
{
    message m;

    __msg(&m, call);
    m.vfs_path.path = (uint64_t)a;
    m.vfs_path.len = PATH_ARG_LEN;
    m.vfs_path.path2 = b ? (uint64_t)b : buf;
    m.vfs_path.len2 = b ? PATH_ARG_LEN : buflen;
    return __server_call(VFS_EP, &m);
}

static long stat_call(const char *path, struct stat *st, int flags)
{
    message m;

    __msg(&m, VFS_STAT);
    m.vfs_path.path = (uint64_t)path;
    m.vfs_path.len = PATH_ARG_LEN;
    m.vfs_path.path2 = (uint64_t)st;
    m.vfs_path.flags = flags;
    return __server_call(VFS_EP, &m);
}

int stat(const char *path, struct stat *st)
{
    return (int)__ret(stat_call(path, st, 0));
}
int lstat(const char *path, struct stat *st)
{
    return (int)__ret(stat_call(path, st, VFS_NOFOLLOW));
}

int fstat(int fd, struct stat *st)
{
    message m;

    /* Services write their stdout and stderr to the kernel console; asking
     * vfs here could deadlock with vfs asking them (stdio's first printf). */
    if (__startup.kconsole && fd >= 0 && fd <= 2) {
        memset(st, 0, sizeof(*st));
        st->st_mode = S_IFCHR | 0620;
        st->st_blksize = 1024;
        return 0;
    }

    __msg(&m, VFS_FSTAT);
    m.vfs_fd.fd = fd;
    m.vfs_fd.buf = (uint64_t)st;
    return (int)__ret(__server_call(VFS_EP, &m));
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
    if (dirfd != AT_FDCWD && path[0] != '/')
        return (int)__ret(-ENOSYS);
    return (int)__ret(stat_call(path, st, (flags & AT_SYMLINK_NOFOLLOW) ? VFS_NOFOLLOW : 0));
}

int mkdir(const char *path, mode_t mode)
{
    return (int)__ret(__vfs_path_call(VFS_MKDIR, path, 0, (int)mode, 0));
}
int rmdir(const char *path)
{
    return (int)__ret(__vfs_path_call(VFS_RMDIR, path, 0, 0, 0));
}
int unlink(const char *path)
{
    return (int)__ret(__vfs_path_call(VFS_UNLINK, path, 0, 0, 0));
}
int rename(const char *a, const char *b)
{
    return (int)__ret(two_paths(VFS_RENAME, a, b, 0, 0));
}
int link(const char *a, const char *b)
{
    return (int)__ret(two_paths(VFS_LINK, a, b, 0, 0));
}
int symlink(const char *target, const char *path)
{
    return (int)__ret(two_paths(VFS_SYMLINK, target, path, 0, 0));
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
    return (ssize_t)__ret(two_paths(VFS_READLINK, path, NULL, (uint64_t)buf, (uint32_t)size));
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
    return (int)__ret(__vfs_path_call(VFS_MKNOD, path, 0, (int)mode, dev));
}

int mkfifo(const char *path, mode_t mode)
{
    return mknod(path, S_IFIFO | (mode & 07777), 0);
}

int chmod(const char *path, mode_t mode)
{
    return (int)__ret(__vfs_path_call(VFS_CHMOD, path, 0, 0, mode));
}

static long by_fd(int call, int fd, int64_t arg)
{
    message m;

    __msg(&m, call);
    m.vfs_path.flags = VFS_BY_FD;
    m.vfs_path.mode = fd;
    m.vfs_path.arg = arg;
    return __server_call(VFS_EP, &m);
}

int fchmod(int fd, mode_t mode)
{
    return (int)__ret(by_fd(VFS_CHMOD, fd, mode));
}

static int64_t ids(uid_t uid, gid_t gid)
{
    return (int64_t)(uint32_t)uid | ((int64_t)(uint32_t)gid << 32);
}

int chown(const char *path, uid_t uid, gid_t gid)
{
    return (int)__ret(__vfs_path_call(VFS_CHOWN, path, 0, 0, ids(uid, gid)));
}
int lchown(const char *path, uid_t uid, gid_t gid)
{
    return (int)__ret(__vfs_path_call(VFS_CHOWN, path, VFS_NOFOLLOW, 0, ids(uid, gid)));
}
int fchown(int fd, uid_t uid, gid_t gid)
{
    return (int)__ret(by_fd(VFS_CHOWN, fd, ids(uid, gid)));
}

int truncate(const char *path, off_t len)
{
    return (int)__ret(__vfs_path_call(VFS_TRUNCATE, path, 0, 0, len));
}
int ftruncate(int fd, off_t len)
{
    return (int)__ret(by_fd(VFS_TRUNCATE, fd, len));
}

int access(const char *path, int mode)
{
    return (int)__ret(__vfs_path_call(VFS_ACCESS, path, 0, 0, mode));
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
    (void)flags;
    if (dirfd != AT_FDCWD && path[0] != '/')
        return (int)__ret(-ENOSYS);
    return access(path, mode);
}

mode_t umask(mode_t mask)
{
    return (mode_t)__server_call(VFS_EP,
                                 &(message){ .m_type = VFS_UMASK, .vfs_path.mode = (int)mask });
}

int chdir(const char *path)
{
    return (int)__ret(__vfs_path_call(VFS_CHDIR, path, 0, 0, 0));
}

int fchdir(int fd)
{
    message m;

    __msg(&m, VFS_FCHDIR);
    m.vfs_fd.fd = fd;
    return (int)__ret(__server_call(VFS_EP, &m));
}

char *getcwd(char *buf, size_t size)
{
    message m;

    if (!buf) {
        size = size ? size : 1024;
        buf = malloc(size);
        if (!buf)
            return errno = ENOMEM, NULL;
    }
    __msg(&m, VFS_GETCWD);
    m.vfs_path.path2 = (uint64_t)buf;
    m.vfs_path.len2 = (uint32_t)size;
    return __ret(__server_call(VFS_EP, &m)) < 0 ? NULL : buf;
}

static long times_call(const char *path, int fd, int flags, int64_t atime, int64_t mtime)
{
    message m;

    __msg(&m, VFS_UTIMES);
    if (path) {
        m.vfs_times.path = (uint64_t)path;
        m.vfs_times.len = PATH_ARG_LEN;
    }
    m.vfs_times.fd = fd;
    m.vfs_times.flags = flags;
    m.vfs_times.atime = atime;
    m.vfs_times.mtime = mtime;
    return __server_call(VFS_EP, &m);
}

int utime(const char *path, const struct utimbuf *t)
{
    return (int)__ret(times_call(path, 0, 0, t ? t->actime : -1, t ? t->modtime : -1));
}

int utimes(const char *path, const struct timeval *t)
{
    return (int)__ret(times_call(path, 0, 0, t ? t[0].tv_sec : -1, t ? t[1].tv_sec : -1));
}

/* UTIME_NOW and UTIME_OMIT: "now" is -1 to vfs; omit keeps the file's time. */
static int64_t when(const struct timespec *t, int64_t keep)
{
    if (!t || t->tv_nsec == UTIME_NOW)
        return -1;
    return t->tv_nsec == UTIME_OMIT ? keep : t->tv_sec;
}

static int set_times(const char *path, int fd, int flags, const struct timespec *t)
{
    struct stat st;
    int r = path ? stat(path, &st) : fstat(fd, &st);

    if (r < 0 && t && (t[0].tv_nsec == UTIME_OMIT || t[1].tv_nsec == UTIME_OMIT))
        return -1;
    int64_t a = when(t ? &t[0] : NULL, st.st_atim.tv_sec),
            mt = when(t ? &t[1] : NULL, st.st_mtim.tv_sec);
    if (a == -1 && mt != -1)
        a = mt; /* vfs takes "now" for both or neither */
    return (int)__ret(times_call(path, fd, flags, a, mt));
}

int utimensat(int dirfd, const char *path, const struct timespec *t, int flags)
{
    if (dirfd != AT_FDCWD && path[0] != '/')
        return (int)__ret(-ENOSYS);
    return set_times(path, 0, (flags & AT_SYMLINK_NOFOLLOW) ? VFS_NOFOLLOW : 0, t);
}

int futimens(int fd, const struct timespec *t)
{
    return set_times(NULL, fd, VFS_BY_FD, t);
}

int statvfs(const char *path, struct statvfs *buf)
{
    message m;

    __msg(&m, VFS_STATFS);
    m.vfs_path.path = (uint64_t)path;
    m.vfs_path.len = PATH_ARG_LEN;
    m.vfs_path.path2 = (uint64_t)buf;
    return (int)__ret(__server_call(VFS_EP, &m));
}

int fstatvfs(int fd, struct statvfs *buf)
{
    message m;

    __msg(&m, VFS_STATFS);
    m.vfs_path.flags = VFS_BY_FD;
    m.vfs_path.mode = fd;
    m.vfs_path.path2 = (uint64_t)buf;
    return (int)__ret(__server_call(VFS_EP, &m));
}

/* fstype is the ds label of the file system server that will serve the
 * mount, which the caller has had rs start (mount(8) does both). */
int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
          const void *data)
{
    message m;

    (void)data;
    if (!fstype || strlen(fstype) >= sizeof(m.vfs_mount.label))
        return (int)__ret(-EINVAL);
    __msg(&m, VFS_MOUNT);
    m.vfs_mount.path = (uint64_t)source;
    m.vfs_mount.len = PATH_ARG_LEN;
    m.vfs_mount.path2 = (uint64_t)target;
    m.vfs_mount.len2 = PATH_ARG_LEN;
    m.vfs_mount.flags = (uint32_t)flags;
    strcpy(m.vfs_mount.label, fstype);
    return (int)__ret(__server_call(VFS_EP, &m));
}

/* __umount_label gives back the label of the server that served the file system
 * (label: at least 16 bytes, or NULL), for the caller to stop it. */
int __umount_label(const char *target, char *label)
{
    message m;

    __msg(&m, VFS_UMOUNT);
    m.vfs_mount.path = (uint64_t)target;
    m.vfs_mount.len = PATH_ARG_LEN;
    long r = __server_call(VFS_EP, &m);
    if (r == 0 && label) {
        memcpy(label, m.vfs_mount.label, sizeof(m.vfs_mount.label));
        label[sizeof(m.vfs_mount.label) - 1] = '\0';
    }
    return (int)__ret(r);
}

int umount(const char *target)
{
    return __umount_label(target, NULL);
}
