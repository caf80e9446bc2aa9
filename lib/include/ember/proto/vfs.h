/*
 * The virtual file system's protocol. User processes call these through
 * libc; pm uses the VFS_PM_* calls to keep vfs's view of processes in
 * step. Paths and buffers are addresses in the caller's memory; vfs copies
 * paths itself and hands buffers to file systems and drivers as grants.
 */
#ifndef EMBER_PROTO_VFS_H
#define EMBER_PROTO_VFS_H

#include <ember/proto/common.h>

enum vfs_call {
    VFS_OPEN = VFS_BASE + 1, /* path, flags, mode -> fd */
    VFS_CLOSE,               /* fd */
    VFS_READ,                /* fd, buf, len, [off] -> bytes */
    VFS_WRITE,               /* fd, buf, len, [off] -> bytes */
    VFS_LSEEK,               /* fd, offset, whence -> new offset */
    VFS_DUP,                 /* fd, fd2 (-1: lowest), flags -> fd */
    VFS_FCNTL,               /* fd, cmd, arg -> value */
    VFS_STAT,                /* path, buf (struct stat); flags: VFS_NOFOLLOW */
    VFS_FSTAT,               /* fd, buf */
    VFS_CHDIR,               /* path */
    VFS_FCHDIR,              /* fd */
    VFS_GETCWD,              /* buf, len -> length */
    VFS_MKDIR,               /* path, mode */
    VFS_RMDIR,               /* path */
    VFS_UNLINK,              /* path */
    VFS_RENAME,              /* path, path2 */
    VFS_LINK,                /* path, path2 */
    VFS_SYMLINK,             /* path (target), path2 (link) */
    VFS_READLINK,            /* path, buf, len -> length */
    VFS_GETDENTS,            /* fd, buf, len -> bytes */
    VFS_CHMOD,               /* path or fd, mode */
    VFS_CHOWN,               /* path or fd, uid, gid; flags: VFS_NOFOLLOW */
    VFS_UTIMES,              /* path or fd, atime, mtime */
    VFS_UMASK,               /* mask -> old */
    VFS_ACCESS,              /* path, mode */
    VFS_TRUNCATE,            /* path or fd, length */
    VFS_PIPE,                /* buf (int[2], filled in) -> fd0, fd1 */
    VFS_MKNOD,               /* path, mode, dev */
    VFS_MOUNT,               /* struct vfs_mount */
    VFS_UMOUNT,              /* struct vfs_mount: path -> label */
    VFS_SELECT,              /* nfds, sets (struct vfs_fdsets), timeout */
    VFS_IOCTL,               /* fd, request, arg */
    VFS_SYNC,
    VFS_FSYNC,  /* fd */
    VFS_STATFS, /* path or fd, buf */
    VFS_POLL,   /* fds, nfds, timeout -> ready count */

    /* from pm */
    VFS_PM_FORK = VFS_BASE + 0x40, /* parent, child, pid */
    VFS_PM_EXIT,                   /* ep */
    VFS_PM_EXEC,                   /* ep, path, frame -> entry, stack */
    VFS_PM_IDS,                    /* ep, uid, gid, euid, egid */
    VFS_PM_UNPAUSE,                /* ep: end its blocked call with EINTR */
    VFS_PM_SETSID,                 /* ep: it leaves its controlling terminal */
    VFS_PM_REBOOT,                 /* sync and unmount all */
    VFS_PM_PGRP,                   /* ep, pgrp, sid: its process group changed */
    /* from drivers: the late answer to a suspended request */
    VFS_DEV_REPLY = VFS_BASE + 0x60, /* see struct vfs_dev_reply */
    VFS_DEV_SELECT,                  /* a select/poll condition became true */
};

/* flags */
#define VFS_NOFOLLOW 0x1 /* lstat, lchown: do not follow a final symlink */
#define VFS_BY_FD    0x2 /* the call names a descriptor, not a path */
#define VFS_AT_OFF   0x4 /* read/write at a given offset (pread/pwrite) */

struct vfs_path {
    uint64_t path;  /* address of the path in the caller */
    uint64_t path2; /* second path (rename, link, symlink, mount) or a buffer */
    uint32_t len, len2;
    int32_t flags; /* open flags, or VFS_* flags */
    int32_t mode;  /* mode, or an fd with VFS_BY_FD */
    int64_t arg;   /* uid/gid pair, length, dev ... */
};

/*
 * VFS_MOUNT: mount the block device at path on the directory at path2,
 * served by the file system server published in ds as label (the caller
 * has it started first: rs, `service up`). VFS_UMOUNT: path names the
 * mount point or the device; the reply gives the server's label back, for
 * the caller to stop it.
 */
struct vfs_mount {
    uint64_t path, path2;
    uint32_t len, len2;
    uint32_t flags; /* MS_RDONLY, MS_NOSUID (<sys/mount.h>) */
    char label[16];
};

struct vfs_io {
    int32_t fd;
    int32_t flags; /* VFS_AT_OFF */
    uint64_t buf;
    uint64_t len;
    int64_t off; /* with VFS_AT_OFF; reply: nothing */
};

struct vfs_seek {
    int32_t fd;
    int32_t whence;
    int64_t offset; /* in; reply: the new offset */
};

struct vfs_fd {
    int32_t fd, fd2; /* reply for VFS_PIPE: the two descriptors */
    int32_t cmd, flags;
    int64_t arg;
    uint64_t buf;
};

/* VFS_SELECT: with nfds <= 64 the three sets travel in the message (one
 * word each, the answer in the reply); above, they live in the caller
 * (struct vfs_fdsets, updated in place). */
struct vfs_select {
    int32_t nfds;
    int32_t pad;
    uint64_t sets;                /* struct vfs_fdsets, when nfds > VFS_SELECT_INLINE */
    int64_t timeout_us;           /* -1: wait forever */
    uint64_t read, write, except; /* the sets, when nfds <= VFS_SELECT_INLINE */
};

#define VFS_SELECT_INLINE 64

#define VFS_FD_SETSIZE 256
struct vfs_fdsets {
    uint64_t read[VFS_FD_SETSIZE / 64], write[VFS_FD_SETSIZE / 64], except[VFS_FD_SETSIZE / 64];
};

/* VFS_POLL: up to VFS_POLL_INLINE entries travel in the message (the
 * answer in the reply), more stay in the caller. */
#define VFS_POLL_INLINE 5
struct vfs_poll {
    uint64_t fds; /* struct pollfd[nfds] in the caller, when nfds > VFS_POLL_INLINE */
    uint32_t nfds;
    int32_t timeout_ms;
    struct {
        int32_t fd;
        int16_t events, revents;
    } inl[VFS_POLL_INLINE]; /* laid out as struct pollfd */
};

struct vfs_times {
    uint64_t path;
    uint32_t len;
    int32_t flags; /* VFS_BY_FD (fd in mode), VFS_NOFOLLOW */
    int32_t fd;
    int32_t pad;
    int64_t atime, mtime; /* seconds; -1: now */
};

struct vfs_pm {
    endpoint_t ep, ep2; /* FORK: parent, child; EXEC: target, owner of path and frame */
    int32_t pid;
    int32_t uid, gid, euid, egid;
    uint32_t pad;
    uint64_t path, frame; /* EXEC: in ep2's memory */
    uint32_t path_len, frame_len;
};

struct vfs_pm_exec_reply {
    uint64_t entry, stack; /* where the new program starts */
    int32_t lost;          /* on failure: the old image was already gone */
    int32_t pad;
    char comm[16];      /* the program's name */
    int32_t euid, egid; /* the effective ids it runs with (set-user/group-id files) */
};

struct vfs_pm_pgrp {
    endpoint_t ep;
    int32_t pgrp, sid;
};

/* A driver's late answer: request id (the id vfs gave it) and the result. */
struct vfs_dev_reply {
    uint32_t id;
    int32_t result;
    uint32_t ops; /* VFS_DEV_SELECT: the ready operations (SEL_*) */
    int32_t minor;
};

#define VFS_LAYOUTS                                                                                \
    struct vfs_path vfs_path;                                                                      \
    struct vfs_mount vfs_mount;                                                                    \
    struct vfs_io vfs_io;                                                                          \
    struct vfs_seek vfs_seek;                                                                      \
    struct vfs_fd vfs_fd;                                                                          \
    struct vfs_select vfs_select;                                                                  \
    struct vfs_poll vfs_poll;                                                                      \
    struct vfs_times vfs_times;                                                                    \
    struct vfs_pm vfs_pm;                                                                          \
    struct vfs_pm_exec_reply vfs_pm_exec_reply;                                                    \
    struct vfs_pm_pgrp vfs_pm_pgrp;                                                                \
    struct vfs_dev_reply vfs_dev_reply;

#endif
