/*
 * Attributes and directories: stat, chmod, chown, utimes, umask, access,
 * statfs, chdir, fchdir, getcwd, sync, fsync, ioctl's dispatch.
 */
#include <string.h>
#include <sys/statvfs.h>
#include "vfs.h"

static char pathbuf[PATH_MAX_];

/* The vnode a VFS_BY_FD or path request names (a new reference). */
static int target(message *m, struct vnode **vp, int lookup_flags)
{
    struct vfs_path *p = &m->vfs_path;
    int r;

    if (p->flags & VFS_BY_FD) {
        struct filp *filp = filp_get(fp, p->mode);
        if (!filp)
            return -EBADF;
        *vp = filp->vp;
        vnode_ref(*vp);
        return 0;
    }
    if ((r = copy_path(m->m_source, p->path, p->len, pathbuf)) < 0)
        return r;
    return lookup(fp, pathbuf, lookup_flags | ((p->flags & VFS_NOFOLLOW) ? LOOKUP_NOFOLLOW : 0),
                  vp);
}

static void fill_stat(struct vnode *vp, const struct fs_stat *s, struct stat *st)
{
    memset(st, 0, sizeof(*st));
    st->st_dev = vp->vmnt ? vp->vmnt->dev : 0;
    st->st_ino = s->ino;
    st->st_mode = s->mode;
    st->st_nlink = (nlink_t)s->nlink;
    st->st_uid = s->uid;
    st->st_gid = s->gid;
    st->st_rdev = s->rdev;
    st->st_size = (off_t)s->size;
    st->st_atim.tv_sec = s->atime;
    st->st_mtim.tv_sec = s->mtime;
    st->st_ctim.tv_sec = s->ctime;
    st->st_blksize = s->blksize ? s->blksize : 4096;
    st->st_blocks = (blkcnt_t)s->blocks;
}

static int stat_vnode(struct vnode *vp, struct stat *st)
{
    struct fs_stat s;

    if (!vp->vmnt) { /* a pipe */
        memset(&s, 0, sizeof(s));
        s.mode = vp->mode;
        s.nlink = 1;
        s.uid = vp->uid;
        s.gid = vp->gid;
        s.blksize = 4096;
    } else {
        int r = fs_stat(vp, &s);
        if (r < 0)
            return r;
        vp->size = s.size;
    }
    fill_stat(vp, &s, st);
    return 0;
}

static int stat_to_user(message *m, struct vnode *vp, uint64_t buf)
{
    struct stat st;
    int r = stat_vnode(vp, &st);

    vnode_put(vp);
    if (r < 0)
        return r;
    return sys_vircopy(SELF, (uint64_t)&st, m->m_source, buf, sizeof(st)) < 0 ? -EFAULT : 0;
}

int do_stat(message *m)
{
    struct vnode *vp;
    int r = target(m, &vp, 0);

    return r < 0 ? r : stat_to_user(m, vp, m->vfs_path.path2);
}

int do_fstat(message *m)
{
    struct filp *filp = filp_get(fp, m->vfs_fd.fd);

    if (!filp)
        return -EBADF;
    vnode_ref(filp->vp);
    return stat_to_user(m, filp->vp, m->vfs_fd.buf);
}

static bool owner_or_root(struct vnode *vp)
{
    return fp->euid == 0 || (uint32_t)fp->euid == vp->uid;
}

int do_chmod(message *m)
{
    struct vnode *vp;
    int r = target(m, &vp, 0);

    if (r < 0)
        return r;
    uint32_t mode = (uint32_t)m->vfs_path.arg & 07777;
    if (!owner_or_root(vp))
        r = -EPERM;
    else if (vp->vmnt && vp->vmnt->rdonly)
        r = -EROFS;
    else if (!vp->vmnt)
        vp->mode = (vp->mode & S_IFMT) | mode;
    else {
        if (fp->euid != 0 && (uint32_t)fp->egid != vp->gid)
            mode &= ~(uint32_t)S_ISGID;
        r = fs_chmod(vp, mode);
    }
    vnode_put(vp);
    return r;
}

int do_chown(message *m)
{
    struct vnode *vp;
    int r = target(m, &vp, 0);
    int64_t arg = m->vfs_path.arg;

    if (r < 0)
        return r;
    uint32_t uid = (uint32_t)(arg & 0xFFFFFFFF), gid = (uint32_t)(arg >> 32);
    uid = uid == 0xFFFFFFFF ? vp->uid : uid;
    gid = gid == 0xFFFFFFFF ? vp->gid : gid;
    if (fp->euid != 0 && (uid != vp->uid || (uint32_t)fp->euid != vp->uid))
        r = -EPERM;
    else if (!vp->vmnt)
        r = 0;
    else if (vp->vmnt->rdonly)
        r = -EROFS;
    else
        r = fs_chown(vp, uid, gid);
    vnode_put(vp);
    return r;
}

int do_utimes(message *m)
{
    struct vfs_times *t = &m->vfs_times;
    struct vnode *vp;
    int r;

    if (t->flags & VFS_BY_FD) {
        struct filp *filp = filp_get(fp, t->fd);
        if (!filp)
            return -EBADF;
        vp = filp->vp;
        vnode_ref(vp);
    } else if ((r = copy_path(m->m_source, t->path, t->len, pathbuf)) < 0 ||
               (r = lookup(fp, pathbuf, (t->flags & VFS_NOFOLLOW) ? LOOKUP_NOFOLLOW : 0, &vp)) <
                   0) {
        return r;
    }
    bool now = t->atime == -1 && t->mtime == -1;
    if (!owner_or_root(vp) && !(now && check_access(fp, vp, 2) == 0))
        r = now ? -EACCES : -EPERM; /* "now" needs write permission; other times ownership */
    else if (!vp->vmnt)
        r = 0;
    else
        r = vp->vmnt->rdonly ? -EROFS : fs_utime(vp, t->atime, t->mtime);
    vnode_put(vp);
    return r;
}

int do_umask(message *m)
{
    mode_t old = fp->umask;

    fp->umask = (mode_t)m->vfs_path.mode & 0777;
    return (int)old;
}

int do_access(message *m)
{
    struct vnode *vp;
    int want = (int)m->vfs_path.arg;

    if (want & ~7)
        return -EINVAL;
    int r = target(m, &vp, 0);
    if (r < 0)
        return r;
    /* access() checks with the real ids */
    int euid = fp->euid, egid = fp->egid;
    fp->euid = fp->uid;
    fp->egid = fp->gid;
    r = want ? check_access(fp, vp, want) : 0;
    if (r == 0 && (want & 2) && vp->vmnt && vp->vmnt->rdonly)
        r = -EROFS;
    fp->euid = euid;
    fp->egid = egid;
    vnode_put(vp);
    return r;
}

static int change_dir(struct vnode *vp)
{
    int r = !S_ISDIR(vp->mode) ? -ENOTDIR : check_access(fp, vp, 1);

    if (r < 0) {
        vnode_put(vp);
        return r;
    }
    vnode_put(fp->cwd);
    fp->cwd = vp;
    return 0;
}

int do_chdir(message *m)
{
    struct vnode *vp;
    int r = target(m, &vp, 0);

    return r < 0 ? r : change_dir(vp);
}

int do_fchdir(message *m)
{
    struct filp *filp = filp_get(fp, m->vfs_fd.fd);

    if (!filp)
        return -EBADF;
    vnode_ref(filp->vp);
    return change_dir(filp->vp);
}

int do_statfs(message *m)
{
    struct fs_statfs s;
    struct statvfs st;
    struct vnode *vp;
    int r = target(m, &vp, 0);

    if (r < 0)
        return r;
    struct vmnt *vm = vp->vmnt ? vp->vmnt : root_vnode->vmnt;
    vnode_put(vp);
    if ((r = fs_statfs(vm, &s)) < 0)
        return r;
    memset(&st, 0, sizeof(st));
    st.f_bsize = st.f_frsize = s.block_size;
    st.f_blocks = s.blocks;
    st.f_bfree = s.blocks_free;
    st.f_bavail = s.blocks_avail;
    st.f_files = s.files;
    st.f_ffree = st.f_favail = s.files_free;
    st.f_namemax = s.name_max;
    st.f_flag = vm->rdonly ? ST_RDONLY : 0;
    st.f_fsid = vm->dev;
    return sys_vircopy(SELF, (uint64_t)&st, m->m_source, m->vfs_path.path2, sizeof(st)) < 0
               ? -EFAULT
               : 0;
}

int do_sync(message *m)
{
    (void)m;
    sync_all();
    return 0;
}

int do_fsync(message *m)
{
    struct filp *filp = filp_get(fp, m->vfs_fd.fd);

    if (!filp)
        return -EBADF;
    return filp->vp->vmnt ? fs_sync(filp->vp->vmnt) : 0;
}

int do_ioctl(message *m)
{
    struct filp *filp = filp_get(fp, m->vfs_fd.fd);

    if (!filp)
        return -EBADF;
    if (!S_ISCHR(filp->vp->mode))
        return -ENOTTY;
    return dev_ioctl(fp, filp, (unsigned long)m->vfs_fd.arg, m->vfs_fd.buf, m);
}

/* The name under which dir lists inode ino. */
static int name_in(struct vnode *dir, uint64_t ino, char *name, size_t size)
{
    static uint8_t buf[4096];
    uint64_t cookie = 0, next;

    for (;;) {
        grant_id_t g = grant_direct(dir->vmnt->fs_ep, buf, sizeof(buf), GRANT_WRITE);
        int n = fs_io(FS_GETDENTS, dir, cookie, g, sizeof(buf), &next);
        grant_revoke(g);
        if (n <= 0)
            return n < 0 ? n : -ENOENT;
        for (int off = 0; off + (int)sizeof(struct fs_dirent) <= n;) {
            struct fs_dirent *d = (struct fs_dirent *)(buf + off);
            if (d->d_reclen == 0)
                return -EIO;
            if (d->d_ino == ino && strcmp(d->d_name, ".") && strcmp(d->d_name, "..") &&
                strlen(d->d_name) < size) {
                strcpy(name, d->d_name);
                return 0;
            }
            off += d->d_reclen;
        }
        cookie = next;
    }
}

/* Walk up from the working directory, naming each step. */
int do_getcwd(message *m)
{
    char out[PATH_MAX_], name[256];
    size_t pos = sizeof(out) - 1;
    struct vnode *cur = fp->cwd;
    int r = 0;

    out[pos] = '\0';
    vnode_ref(cur);
    while (r == 0 && cur != fp->root && cur != root_vnode) {
        if (cur->vmnt->root == cur && cur->vmnt->covered) {
            struct vnode *covered = cur->vmnt->covered;
            vnode_ref(covered);
            vnode_put(cur);
            cur = covered;
            continue;
        }
        struct fs_attr a;
        struct vnode *parent = NULL;
        if ((r = fs_lookup(cur, "..", &a)) < 0 || !(parent = vnode_get(cur->vmnt, &a))) {
            r = r < 0 ? r : -ENFILE;
            break;
        }
        r = name_in(parent, cur->ino, name, sizeof(name));
        size_t n = strlen(name);
        if (r == 0 && n + 1 > pos)
            r = -ENAMETOOLONG;
        if (r == 0) {
            pos -= n;
            memcpy(out + pos, name, n);
            out[--pos] = '/';
        }
        vnode_put(cur);
        cur = parent;
    }
    vnode_put(cur);
    if (r < 0)
        return r;
    if (pos == sizeof(out) - 1)
        out[--pos] = '/';
    size_t len = sizeof(out) - pos;
    if (len > m->vfs_path.len2)
        return -ERANGE;
    if (sys_vircopy(SELF, (uint64_t)(out + pos), m->m_source, m->vfs_path.path2, len) < 0)
        return -EFAULT;
    return (int)len - 1;
}
