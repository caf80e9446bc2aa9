/*
 * vfs's data.
 *
 *   fproc  one per process: descriptors, working and root directories,
 *          identity, process group, and the call it is suspended in
 *   filp   an open file: a vnode, the offset, the open flags; shared by
 *          descriptors after dup and fork
 *   vnode  a file vfs knows: (file system, inode) with the attributes vfs
 *          needs, a file system mounted on it, or a pipe's buffer
 *   vmnt   a mounted file system: its server, root vnode and the vnode it
 *          covers
 *
 * Requests to file system servers are synchronous calls (they never wait
 * on anything but their disk); character devices may answer later
 * (EDONTREPLY), and pipes and select wait inside vfs: those calls leave the
 * process suspended (no reply) until they complete or a signal cancels
 * them (suspend.c).
 */
#ifndef VFS_H
#define VFS_H

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ember/server.h>
#include <ember/proto/vfs.h>
#include <ember/proto/fs.h>
#include <ember/proto/dev.h>
#include <ember/devices.h>

#define NR_FPROCS NR_SLOTS
#define OPEN_MAX  64
#define NR_FILPS  1024
#define NR_VNODES 1024
#define NR_VMNTS  8
#define PATH_MAX_ 1024
#define SYMLOOP   8
#define PIPE_SIZE (64 * 1024)

struct pipe;

struct vmnt {
    bool used;
    endpoint_t fs_ep;
    char label[24];
    struct vnode *root;
    struct vnode *covered; /* NULL for the root file system */
    uint32_t dev;          /* the block device (MAKEDEV) */
    char devname[32];
    bool rdonly;
    bool nosuid;         /* set-user-id and set-group-id bits are ignored */
    uint32_t attr_epoch; /* advances with each name change: stat caches older are stale */
};

struct vnode {
    int refs;
    struct vmnt *vmnt; /* NULL for pipes */
    uint64_t ino;
    uint32_t gen; /* new each time the slot is filled; 0: free */
    uint32_t mode, nlink, uid, gid, rdev;
    uint64_t size;
    int fs_refs;          /* references held in the file system server */
    struct vmnt *mounted; /* a file system mounted on this directory */
    struct pipe *pipe;
    struct vnode *same_hash; /* the next vnode of its (vmnt, ino) hash chain */
    bool st_valid;           /* st holds the file system's last FS_STAT answer... */
    uint32_t st_epoch;       /* ...if vmnt->attr_epoch has not moved since */
    struct fs_stat st;
};

struct filp {
    int refs;
    struct vnode *vp;
    int flags; /* open flags (O_ACCMODE, O_APPEND, O_NONBLOCK) */
    uint64_t pos;
    uint32_t dev; /* devices: the device the open reached (the driver may pick the minor) */
};

/* What a suspended process waits for. */
enum susp_kind {
    SUSP_NONE,
    SUSP_PIPE_READ,
    SUSP_PIPE_WRITE,
    SUSP_DEV,
    SUSP_SELECT,
    SUSP_POLL,
    SUSP_SOCK
};

struct suspension {
    enum susp_kind kind;
    message req; /* the original request, to finish it */
    struct filp *filp;
    uint64_t done;     /* bytes moved so far (pipes) */
    endpoint_t driver; /* SUSP_DEV */
    uint32_t dev_id;
    int minor;
    grant_id_t grant;
    uint64_t deadline; /* select/poll timeout, uptime ns; 0: none */
    bool on_pipe;      /* select/poll: some descriptor is a pipe */
};

struct fproc {
    bool used;
    endpoint_t ep;
    int pid;
    int uid, gid, euid, egid;
    mode_t umask;
    struct vnode *cwd, *root;
    struct filp *fds[OPEN_MAX];
    uint64_t cloexec; /* bit per descriptor */
    int pgrp, sid;    /* kept in step by pm, passed to drivers for job control */
    struct suspension susp;
    int waiter_index; /* in waiters[] while susp.kind != SUSP_NONE */
};

extern struct fproc fprocs[NR_FPROCS];
extern struct fproc *fp; /* the caller of the request being handled */
extern struct vmnt vmnts[NR_VMNTS];
extern struct vnode *root_vnode;

/* fproc.c */
struct fproc *fproc_get(endpoint_t ep);
struct fproc *fproc_new(endpoint_t ep);
int do_pm_fork(message *m);
int do_pm_exit(message *m);
int do_pm_ids(message *m);
int do_pm_setsid(message *m);
int do_pm_unpause(message *m);
int do_pm_reboot(message *m);
int do_pm_pgrp(message *m);

/* filedes.c */
struct filp *filp_get(struct fproc *f, int fd);
int fd_alloc(struct fproc *f, int start);
struct filp *filp_new(struct vnode *vp, int flags);
void filp_put(struct filp *filp);
int fd_install(struct fproc *f, struct filp *filp, int start, bool cloexec);
void fd_close(struct fproc *f, int fd);
int do_close(message *m);
int do_dup(message *m);
int do_fcntl(message *m);

/* vnode.c */
struct vnode *vnode_get(struct vmnt *vm, const struct fs_attr *a);
void vnode_ref(struct vnode *vp);
void vnode_put(struct vnode *vp);
struct vnode *vnode_new_pipe(void);
bool vnode_is_mountpoint(const struct vnode *vp);
void vnode_purge(struct vmnt *vm, uint64_t ino);
void vnode_flush(struct vmnt *vm);
int vnode_refs_in(const struct vmnt *vm);

/* namecache.c */
int nc_lookup(struct vnode *dir, const char *name, struct vnode **out);
void nc_enter(struct vnode *dir, const char *name, struct vnode *vp);
void nc_forget(struct vnode *dir, const char *name);
void nc_forget_fs(const struct vmnt *vm);

/* fsreq.c: the file system protocol */
int fs_lookup(struct vnode *dir, const char *name, struct fs_attr *a);
int fs_create(int call, struct vnode *dir, const char *name, uint32_t mode, uint32_t rdev,
              struct fs_attr *a);
int fs_io(int call, struct vnode *vp, uint64_t pos, grant_id_t g, uint64_t len, uint64_t *next);
int fs_name_call(int call, struct vnode *dir, const char *name, uint64_t ino2);
int fs_rename(struct vnode *odir, const char *oname, struct vnode *ndir, const char *nname);
int fs_symlink(struct vnode *dir, const char *name, const char *target);
int fs_readlink(struct vnode *vp, char *buf, size_t size);
int fs_stat(struct vnode *vp, struct fs_stat *st);
int fs_trunc(struct vnode *vp, uint64_t size);
int fs_chmod(struct vnode *vp, uint32_t mode);
int fs_chown(struct vnode *vp, uint32_t uid, uint32_t gid);
int fs_utime(struct vnode *vp, int64_t atime, int64_t mtime);
int fs_statfs(struct vmnt *vm, struct fs_statfs *st);
int fs_sync(struct vmnt *vm);
void fs_putnode(struct vnode *vp);
int fs_mount(struct vmnt *vm, endpoint_t dev_ep, int minor, bool rdonly, struct fs_attr *a);
int fs_unmount(struct vmnt *vm);

/* image.c: names of program files' contents, for vm to share them by */
uint64_t image_name(const struct vnode *vp);
void image_forget(const struct vmnt *vmnt, uint64_t ino);

/* path.c */
#define LOOKUP_NOFOLLOW 0x1
#define LOOKUP_PARENT   0x2
int copy_path(endpoint_t who, uint64_t addr, uint32_t len, char *buf);
int lookup(struct fproc *f, const char *path, int flags, struct vnode **out);
int lookup_parent(struct fproc *f, const char *path, struct vnode **dir, char *last);
int lookup_step(struct fproc *f, struct vnode *dir, const char *name, struct vnode **out);
int lookup_name(struct vnode *dir, const char *name, struct vnode **out);
int check_access(struct fproc *f, struct vnode *vp, int want);

/* open.c, readwrite.c, link.c, stat.c */
int do_open(message *m);
int do_mknod(message *m);
int do_mkdir(message *m);
int do_read(message *m);
int do_write(message *m);
int do_lseek(message *m);
int do_getdents(message *m);
int do_unlink(message *m);
int do_rmdir(message *m);
int do_rename(message *m);
int do_link(message *m);
int do_symlink(message *m);
int do_readlink(message *m);
int do_truncate(message *m);
int do_stat(message *m);
int do_fstat(message *m);
int do_chmod(message *m);
int do_chown(message *m);
int do_utimes(message *m);
int do_umask(message *m);
int do_access(message *m);
int do_chdir(message *m);
int do_fchdir(message *m);
int do_getcwd(message *m);
int do_statfs(message *m);
int do_fsync(message *m);
int do_sync(message *m);
int do_ioctl(message *m);

/* pipe.c */
int do_pipe(message *m);
int pipe_read(struct fproc *f, struct filp *filp, uint64_t buf, uint64_t len, uint64_t *done);
int pipe_write(struct fproc *f, struct filp *filp, uint64_t buf, uint64_t len, uint64_t *done);
void pipe_open_end(struct vnode *vp, int flags);
void pipe_close_end(struct vnode *vp, int flags);
void pipe_revive(struct vnode *vp);
int pipe_ready(struct vnode *vp, int ops);
bool pipe_hung_up(struct vnode *vp);

/* device.c */
int dev_open(struct fproc *f, struct vnode *vp, struct filp *filp, int flags);
void dev_close(struct filp *filp);
int dev_io(int call, struct fproc *f, struct filp *filp, uint64_t buf, uint64_t len, message *req);
int dev_ioctl(struct fproc *f, struct filp *filp, unsigned long request, uint64_t arg,
              message *req);
int dev_select(struct filp *filp, int ops, bool notify);
void dev_reply(message *m);
void dev_select_event(message *m);
int dev_cancel(struct fproc *f);
endpoint_t dev_driver(uint32_t dev);
bool is_block_device_driver(uint32_t dev);

/* socket.c */
int do_socket(message *m);
int do_bind(message *m);
int do_connect(message *m);
int do_listen(message *m);
int do_accept(message *m);
int do_sendto(message *m);
int do_recvfrom(message *m);
int do_shutdown(message *m);
int do_getsockopt(message *m);
int do_setsockopt(message *m);
int do_getsockname(message *m);
int do_getpeername(message *m);
int do_sock_read(message *m);
int do_sock_write(message *m);
int do_sock_lseek(message *m);
int do_sock_ioctl(message *m);
int do_sock_unpause(message *m);
int sock_select(struct filp *filp, int ops, bool notify);
void sock_close(struct filp *filp);
void sock_async(message *m);
int sock_cancel(struct fproc *f, bool exiting);
void sock_server_exit(endpoint_t ep);

/* select.c */
int do_select(message *m);
int do_poll(message *m);
void select_recheck(void);
void select_recheck_pipes(void);
void select_timeouts(void);

/* mount.c */
int mount_root(void);
void unmount_all(void);
const char *bdev_label(uint32_t dev);
int do_mount(message *m);
int do_umount(message *m);
void sync_all(void);

/* exec.c */
int do_pm_exec(message *m);

/* suspend.c */
void suspend(struct fproc *f, enum susp_kind kind, message *req);
void susp_end(struct fproc *f);
/* The suspended processes, in no order: the scans for a wait to finish
 * visit these, not every slot. Walk it from the top down: ending the wait
 * being visited (susp_end) moves an already visited entry into its place. */
extern struct fproc *waiters[NR_FPROCS];
extern int nwaiters;
#define FOR_EACH_WAITER(f)                                                                         \
    for (int w_ = nwaiters - 1; w_ >= 0; w_--)                                                     \
        for (struct fproc *f = waiters[w_]; f; f = NULL)
void resume_reply(struct fproc *f, int result);
void timers_update(void);
uint64_t now_ns(void);

#endif
