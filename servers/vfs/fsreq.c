/*
 * The file system protocol from vfs's side: one function per request.
 * Names travel in vfs's own buffer under a direct grant made for the one
 * request; data grants are made by the callers (magic grants over the
 * user's buffer).
 *
 * stat answers come from the vnode while nothing can have changed them,
 * saving the trip to the file system (two address-space switches). Any
 * other request on the node (a read may set its access time) forgets its
 * copy; a request by name (create, link, unlink, rename, ...) changes
 * nodes vfs cannot name from here, directories and link counts, so it
 * makes every copy on that file system stale (attr_epoch).
 */
#include <string.h>
#include "vfs.h"

static char namebuf[2 * PATH_MAX_ + 2];

static int call_fs(struct vmnt *vm, message *m)
{
    int r = ipc_call(vm->fs_ep, m);

    if (r < 0) {
        vm->attr_epoch++;
        nc_forget_fs(vm); /* the server is gone: its names may be too */
        return -EIO;
    }
    return m->m_type;
}

/* A request naming dir and a NUL-separated string of len bytes in namebuf. */
static int name_request(int call, struct vnode *dir, size_t len, message *m)
{
    grant_id_t g = grant_direct(dir->vmnt->fs_ep, namebuf, len, GRANT_READ);

    if (g == GRANT_INVALID)
        return -ENFILE;
    if (call != FS_LOOKUP)
        dir->vmnt->attr_epoch++;
    m->m_type = call;
    m->fs_req.ino = dir->ino;
    m->fs_req.grant = g;
    m->fs_req.len = len;
    int r = call_fs(dir->vmnt, m);
    grant_revoke(g);
    return r;
}

static size_t put_name(const char *name)
{
    size_t n = strlen(name);

    memcpy(namebuf, name, n + 1);
    return n;
}

int fs_lookup(struct vnode *dir, const char *name, struct fs_attr *a)
{
    message m;

    memset(&m, 0, sizeof(m));
    int r = name_request(FS_LOOKUP, dir, put_name(name), &m);
    if (r == 0)
        *a = m.fs_attr;
    return r;
}

int fs_create(int call, struct vnode *dir, const char *name, uint32_t mode, uint32_t rdev,
              struct fs_attr *a)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.fs_req.mode = mode;
    m.fs_req.uid = (uint32_t)fp->euid;
    m.fs_req.gid = (uint32_t)fp->egid;
    m.fs_req.ino2 = rdev;
    nc_forget(dir, name);
    int r = name_request(call, dir, put_name(name), &m);
    if (r == 0)
        image_forget(dir->vmnt, m.fs_attr.ino); /* a new file, perhaps in a reused inode */
    if (r == 0 && a)
        *a = m.fs_attr;
    return r;
}

int fs_name_call(int call, struct vnode *dir, const char *name, uint64_t ino2)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.fs_req.ino2 = ino2;
    nc_forget(dir, name);
    return name_request(call, dir, put_name(name), &m);
}

int fs_rename(struct vnode *odir, const char *oname, struct vnode *ndir, const char *nname)
{
    message m;
    size_t a = strlen(oname), b = strlen(nname);

    memcpy(namebuf, oname, a + 1);
    memcpy(namebuf + a + 1, nname, b + 1);
    nc_forget(odir, oname);
    nc_forget(ndir, nname);
    memset(&m, 0, sizeof(m));
    m.fs_req.ino2 = ndir->ino;
    return name_request(FS_RENAME, odir, a + 1 + b, &m);
}

int fs_symlink(struct vnode *dir, const char *name, const char *target)
{
    message m;
    size_t a = strlen(name), b = strlen(target);

    memcpy(namebuf, name, a + 1);
    memcpy(namebuf + a + 1, target, b + 1);
    nc_forget(dir, name);
    memset(&m, 0, sizeof(m));
    m.fs_req.uid = (uint32_t)fp->euid;
    m.fs_req.gid = (uint32_t)fp->egid;
    return name_request(FS_SYMLINK, dir, a + 1 + b, &m);
}

/* A request on one node: what vfs keeps of the node that it may change is
 * forgotten first (its stat answer; its contents' name, on a write). */
static int node_call(int call, struct vnode *vp, message *m)
{
    if (call != FS_STAT && call != FS_READLINK && call != FS_PUTNODE && call != FS_STATFS)
        vp->st_valid = false;
    if (call == FS_WRITE || call == FS_TRUNC)
        image_forget(vp->vmnt, vp->ino);
    m->m_type = call;
    m->fs_req.ino = vp->ino;
    return call_fs(vp->vmnt, m);
}

/* FS_READ, FS_WRITE, FS_GETDENTS with the caller's grant. */
int fs_io(int call, struct vnode *vp, uint64_t pos, grant_id_t g, uint64_t len, uint64_t *next)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.fs_req.pos = pos;
    m.fs_req.grant = g;
    m.fs_req.len = len;
    int r = node_call(call, vp, &m);
    if (r >= 0 && next)
        *next = m.fs_io_reply.pos;
    return r;
}

static int local_grant_call(int call, struct vnode *vp, void *buf, size_t size)
{
    message m;
    grant_id_t g = grant_direct(vp->vmnt->fs_ep, buf, size, GRANT_WRITE);

    if (g == GRANT_INVALID)
        return -ENFILE;
    memset(&m, 0, sizeof(m));
    m.fs_req.grant = g;
    m.fs_req.len = size;
    int r = node_call(call, vp, &m);
    grant_revoke(g);
    return r;
}

int fs_readlink(struct vnode *vp, char *buf, size_t size)
{
    return local_grant_call(FS_READLINK, vp, buf, size);
}

int fs_stat(struct vnode *vp, struct fs_stat *st)
{
    if (vp->st_valid && vp->st_epoch == vp->vmnt->attr_epoch) {
        *st = vp->st;
        return 0;
    }
    uint32_t epoch = vp->vmnt->attr_epoch;
    int r = local_grant_call(FS_STAT, vp, st, sizeof(*st));
    if (r == 0) {
        vp->st = *st;
        vp->st_epoch = epoch;
        vp->st_valid = true;
    }
    return r;
}

int fs_trunc(struct vnode *vp, uint64_t size)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.fs_req.pos = size;
    int r = node_call(FS_TRUNC, vp, &m);
    if (r == 0)
        vp->size = size;
    return r;
}

int fs_chmod(struct vnode *vp, uint32_t mode)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.fs_req.mode = mode;
    int r = node_call(FS_CHMOD, vp, &m);
    if (r == 0)
        vp->mode = (vp->mode & S_IFMT) | (mode & 07777);
    return r;
}

int fs_chown(struct vnode *vp, uint32_t uid, uint32_t gid)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.fs_req.uid = uid;
    m.fs_req.gid = gid;
    int r = node_call(FS_CHOWN, vp, &m);
    if (r == 0) {
        vp->uid = uid;
        vp->gid = gid;
    }
    return r;
}

int fs_utime(struct vnode *vp, int64_t atime, int64_t mtime)
{
    message m;

    vp->st_valid = false;
    memset(&m, 0, sizeof(m));
    m.m_type = FS_UTIME;
    m.fs_utime_req.ino = vp->ino;
    m.fs_utime_req.atime = atime;
    m.fs_utime_req.mtime = mtime;
    return call_fs(vp->vmnt, &m);
}

int fs_statfs(struct vmnt *vm, struct fs_statfs *st)
{
    return local_grant_call(FS_STATFS, vm->root, st, sizeof(*st));
}

int fs_sync(struct vmnt *vm)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = FS_SYNC;
    return call_fs(vm, &m);
}

void fs_putnode(struct vnode *vp)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.fs_req.mode = (uint32_t)vp->fs_refs;
    node_call(FS_PUTNODE, vp, &m);
    vp->fs_refs = 0;
}

int fs_mount(struct vmnt *vm, endpoint_t dev_ep, int minor, bool rdonly, struct fs_attr *a)
{
    message m;

    image_forget(vm, 0);
    memset(&m, 0, sizeof(m));
    m.m_type = FS_MOUNT;
    size_t n = strcspn(vm->devname, ":");
    if (n >= sizeof(m.fs_mount_req.label))
        n = sizeof(m.fs_mount_req.label) - 1;
    memcpy(m.fs_mount_req.label, vm->devname, n);
    m.fs_mount_req.dev_ep = dev_ep;
    m.fs_mount_req.minor = minor;
    m.fs_mount_req.flags = rdonly ? FS_RDONLY : 0;
    int r = call_fs(vm, &m);
    if (r == 0)
        *a = m.fs_attr;
    return r;
}

int fs_unmount(struct vmnt *vm)
{
    message m;

    image_forget(vm, 0);
    memset(&m, 0, sizeof(m));
    m.m_type = FS_UNMOUNT;
    return call_fs(vm, &m);
}
