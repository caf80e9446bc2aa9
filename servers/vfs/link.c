/* Names: unlink, rmdir, rename, link, symlink, readlink, truncate. */
#include <string.h>
#include "vfs.h"

static char path1[PATH_MAX_], path2[PATH_MAX_];

/* The parent of path1 and its last component, writable by the caller. */
static int writable_parent(message *m, char *path, uint64_t addr, uint32_t len, struct vnode **dir,
                           char *last)
{
    int r = copy_path(m->m_source, addr, len, path);

    if (r < 0 || (r = lookup_parent(fp, path, dir, last)) < 0)
        return r;
    if ((*dir)->vmnt->rdonly)
        r = -EROFS;
    else
        r = check_access(fp, *dir, 3);
    if (r < 0)
        vnode_put(*dir);
    return r;
}

/* The sticky bit: only the owner of the file or of the directory removes it. */
static int sticky_ok(struct vnode *dir, const char *name)
{
    struct vnode *vp;

    if (!(dir->mode & S_ISVTX) || fp->euid == 0 || (uint32_t)fp->euid == dir->uid)
        return 0;
    if (lookup_name(dir, name, &vp) < 0)
        return 0;
    int r = vp->uid != (uint32_t)fp->euid ? -EPERM : 0;
    vnode_put(vp);
    return r;
}

/* The entry's vnode if cached and busy as a mount point: it must not go.
 * An unused cached vnode is dropped, so the file system frees a removed
 * file's inode at once. */
static int busy_mountpoint(struct vnode *dir, const char *name)
{
    struct vnode *vp;

    if (lookup_name(dir, name, &vp) < 0)
        return 0;
    int r = vp->mounted ? -EBUSY : 0;
    uint64_t ino = vp->ino;
    vnode_put(vp);
    vnode_purge(dir->vmnt, ino);
    return r;
}

static int remove_name(message *m, int call)
{
    char last[256];
    struct vnode *dir;
    int r = writable_parent(m, path1, m->vfs_path.path, m->vfs_path.len, &dir, last);

    if (r < 0)
        return r;
    if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0)
        r = call == FS_RMDIR ? -EINVAL : -EISDIR;
    if (r == 0)
        r = sticky_ok(dir, last);
    if (r == 0)
        r = busy_mountpoint(dir, last);
    if (r == 0) {
        r = fs_name_call(call, dir, last, 0);
        if (r == 0)
            nc_enter(dir, last, NULL); /* gone: the next lookup need not ask */
    }
    vnode_put(dir);
    return r;
}

int do_unlink(message *m)
{
    return remove_name(m, FS_UNLINK);
}
int do_rmdir(message *m)
{
    return remove_name(m, FS_RMDIR);
}

int do_rename(message *m)
{
    char olast[256], nlast[256];
    struct vnode *odir, *ndir;
    struct vfs_path *p = &m->vfs_path;
    int r = writable_parent(m, path1, p->path, p->len, &odir, olast);

    if (r < 0)
        return r;
    r = writable_parent(m, path2, p->path2, p->len2, &ndir, nlast);
    if (r < 0) {
        vnode_put(odir);
        return r;
    }
    if (odir->vmnt != ndir->vmnt)
        r = -EXDEV;
    else if (!strcmp(olast, ".") || !strcmp(olast, "..") || !strcmp(nlast, ".") ||
             !strcmp(nlast, ".."))
        r = -EINVAL;
    if (r == 0)
        r = sticky_ok(odir, olast);
    if (r == 0)
        r = busy_mountpoint(odir, olast); /* a mount point stays where it is */
    if (r == 0)
        r = busy_mountpoint(ndir, nlast);
    if (r == 0)
        r = fs_rename(odir, olast, ndir, nlast);
    vnode_put(odir);
    vnode_put(ndir);
    return r;
}

int do_link(message *m)
{
    char last[256];
    struct vnode *target, *dir;
    struct vfs_path *p = &m->vfs_path;
    int r = copy_path(m->m_source, p->path, p->len, path1);

    if (r < 0 || (r = lookup(fp, path1, LOOKUP_NOFOLLOW, &target)) < 0)
        return r;
    r = writable_parent(m, path2, p->path2, p->len2, &dir, last);
    if (r == 0) {
        if (S_ISDIR(target->mode))
            r = -EPERM;
        else if (dir->vmnt != target->vmnt)
            r = -EXDEV;
        else
            r = fs_name_call(FS_LINK, dir, last, target->ino);
        vnode_put(dir);
    }
    vnode_put(target);
    return r;
}

int do_symlink(message *m)
{
    char last[256];
    struct vnode *dir;
    struct vfs_path *p = &m->vfs_path;
    int r = copy_path(m->m_source, p->path, p->len, path1);

    if (r < 0)
        return r;
    r = writable_parent(m, path2, p->path2, p->len2, &dir, last);
    if (r < 0)
        return r;
    r = strcmp(last, ".") == 0 ? -EEXIST : fs_symlink(dir, last, path1);
    vnode_put(dir);
    return r;
}

int do_readlink(message *m)
{
    struct vnode *vp;
    struct vfs_path *p = &m->vfs_path;
    int r = copy_path(m->m_source, p->path, p->len, path1);

    if (r < 0 || (r = lookup(fp, path1, LOOKUP_NOFOLLOW, &vp)) < 0)
        return r;
    if (!S_ISLNK(vp->mode)) {
        vnode_put(vp);
        return -EINVAL;
    }
    r = fs_readlink(vp, path2, sizeof(path2));
    vnode_put(vp);
    if (r < 0)
        return r;
    uint32_t n = (uint32_t)r < p->len2 ? (uint32_t)r : p->len2;
    if (sys_vircopy(SELF, (uint64_t)path2, m->m_source, p->path2, n) < 0)
        return -EFAULT;
    return (int)n;
}

int do_truncate(message *m)
{
    struct vfs_path *p = &m->vfs_path;
    struct vnode *vp;
    int r;

    if (p->arg < 0)
        return -EINVAL;
    if (p->flags & VFS_BY_FD) {
        struct filp *filp = filp_get(fp, p->mode);
        if (!filp)
            return -EBADF;
        if ((filp->flags & O_ACCMODE) == O_RDONLY)
            return -EINVAL;
        vp = filp->vp;
        vnode_ref(vp);
    } else if ((r = copy_path(m->m_source, p->path, p->len, path1)) < 0 ||
               (r = lookup(fp, path1, 0, &vp)) < 0) {
        return r;
    } else if ((r = check_access(fp, vp, 2)) < 0) {
        vnode_put(vp);
        return r;
    }
    r = S_ISDIR(vp->mode)    ? -EISDIR
        : !S_ISREG(vp->mode) ? -EINVAL
        : vp->vmnt->rdonly   ? -EROFS
                             : fs_trunc(vp, (uint64_t)p->arg);
    vnode_put(vp);
    return r;
}
