/* Creating and opening files: open, mknod, mkdir. */
#include <string.h>
#include "vfs.h"

static char pathbuf[PATH_MAX_];

static int access_wanted(int flags)
{
    switch (flags & O_ACCMODE) {
    case O_RDONLY:
        return 4;
    case O_WRONLY:
        return 2;
    default:
        return 6;
    }
}

/* The file to open, created if O_CREAT asks and it does not exist. */
static int open_vnode(const char *path, int flags, int mode, struct vnode **out)
{
    char last[256];
    struct vnode *dir;
    struct fs_attr a;

    if (!(flags & O_CREAT))
        return lookup(fp, path, (flags & O_NOFOLLOW) ? LOOKUP_NOFOLLOW : 0, out);
    struct vnode *vp;
    int r = lookup_parent(fp, path, &dir, last);
    if (r < 0)
        return r;
    /* As a walk would: search permission on dir, a mount point's root. */
    r = strcmp(last, ".") == 0 ? -EISDIR : lookup_step(fp, dir, last, &vp);
    if (r == 0) {
        vnode_put(dir);
        if (flags & O_EXCL) {
            vnode_put(vp);
            return -EEXIST;
        }
        if (S_ISLNK(vp->mode)) { /* open the link's target */
            vnode_put(vp);
            return lookup(fp, path, 0, out);
        }
        *out = vp;
        return 0;
    }
    if (r == -ENOENT && !(r = check_access(fp, dir, 3)) && dir->vmnt->rdonly)
        r = -EROFS;
    if (r == 0) {
        r = fs_create(FS_CREATE, dir, last, S_IFREG | ((uint32_t)mode & 07777 & ~fp->umask), 0, &a);
        if (r == 0 && !(*out = vnode_get(dir->vmnt, &a)))
            r = -ENFILE;
        if (r == 0)
            nc_enter(dir, last, *out);
    }
    vnode_put(dir);
    return r;
}

static int open_checks(struct vnode *vp, int flags)
{
    int want = access_wanted(flags);

    if (S_ISDIR(vp->mode) && (want & 2))
        return -EISDIR;
    if ((flags & O_DIRECTORY) && !S_ISDIR(vp->mode))
        return -ENOTDIR;
    if (S_ISLNK(vp->mode))
        return -ELOOP; /* O_NOFOLLOW on a link */
    if (S_ISBLK(vp->mode) || S_ISSOCK(vp->mode))
        return -ENXIO;
    if ((want & 2) && vp->vmnt && vp->vmnt->rdonly && !S_ISCHR(vp->mode))
        return -EROFS;
    return check_access(fp, vp, want);
}

int do_open(message *m)
{
    struct vfs_path *p = &m->vfs_path;
    struct vnode *vp;
    int flags = p->flags, r;

    if ((r = copy_path(m->m_source, p->path, p->len, pathbuf)) < 0 ||
        (r = open_vnode(pathbuf, flags, p->mode, &vp)) < 0)
        return r;
    if ((r = open_checks(vp, flags)) < 0) {
        vnode_put(vp);
        return r;
    }
    if ((flags & O_TRUNC) && S_ISREG(vp->mode) && (access_wanted(flags) & 2) &&
        (r = fs_trunc(vp, 0)) < 0) {
        vnode_put(vp);
        return r;
    }
    struct filp *filp = filp_new(vp, flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC));
    if (!filp) {
        vnode_put(vp);
        return -ENFILE;
    }
    if (S_ISCHR(vp->mode) && (r = dev_open(fp, vp, filp, flags)) < 0) {
        filp->refs = 0; /* never opened: no driver close */
        vnode_put(vp);
        return r;
    }
    if (S_ISFIFO(vp->mode))
        pipe_open_end(vp, flags);
    r = fd_install(fp, filp, 0, flags & O_CLOEXEC);
    if (r < 0)
        filp_put(filp);
    return r;
}

/* mknod and mkdir: a new node named by the last component of path. */
static int make_node(message *m, int call, uint32_t mode, uint32_t rdev)
{
    char last[256];
    struct vnode *dir;
    int r = copy_path(m->m_source, m->vfs_path.path, m->vfs_path.len, pathbuf);

    if (r < 0 || (r = lookup_parent(fp, pathbuf, &dir, last)) < 0)
        return r;
    if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0)
        r = -EEXIST;
    else if (dir->vmnt->rdonly)
        r = -EROFS;
    else if ((r = check_access(fp, dir, 3)) == 0)
        r = fs_create(call, dir, last, mode, rdev, NULL);
    vnode_put(dir);
    return r;
}

int do_mkdir(message *m)
{
    uint32_t mode = S_IFDIR | ((uint32_t)m->vfs_path.mode & 07777 & ~fp->umask);

    return make_node(m, FS_MKDIR, mode, 0);
}

int do_mknod(message *m)
{
    uint32_t mode = (uint32_t)m->vfs_path.mode;
    uint32_t type = mode & S_IFMT;

    if (type != S_IFCHR && type != S_IFBLK && type != S_IFIFO && type != S_IFREG && type != 0)
        return -EINVAL;
    if ((type == S_IFCHR || type == S_IFBLK) && fp->euid != 0)
        return -EPERM;
    if (type == 0)
        mode |= S_IFREG;
    mode = (mode & S_IFMT) | (mode & 07777 & ~fp->umask);
    return make_node(m, FS_MKNOD, mode, (uint32_t)m->vfs_path.arg);
}
