/*
 * Path resolution, one component at a time, each from the name cache
 * (namecache.c) or else by FS_LOOKUP: search permission on every
 * directory passed, ".." across the top of a mounted file system back to
 * the directory it covers, a mounted file system's root in place of the
 * directory it covers, and symbolic links (at most SYMLOOP of them) spliced
 * into the rest of the path.
 */
#include <string.h>
#include "vfs.h"

#define NAME_MAX_ 255

/* Copy a NUL-terminated path of len bytes (NUL included) from who. */
/*
 * The path at addr in who's memory: a string ending within len bytes (or
 * PATH_MAX_, whichever is less). It is copied a page at a time up to its
 * end, so a short path near the end of the caller's memory is fine and a
 * bad pointer is EFAULT (libc passes the most it may be, not its length:
 * it cannot measure a string at a bad address).
 */
int copy_path(endpoint_t who, uint64_t addr, uint32_t len, char *buf)
{
    uint32_t max = len < PATH_MAX_ ? len : PATH_MAX_, have = 0;

    if (len == 0)
        return -EINVAL;
    while (have < max) {
        uint32_t chunk = 4096 - (uint32_t)((addr + have) & 4095);
        if (chunk > max - have)
            chunk = max - have;
        if (sys_vircopy(who, addr + have, SELF, (uint64_t)buf + have, chunk) < 0)
            return -EFAULT;
        if (memchr(buf + have, '\0', chunk))
            return buf[0] ? 0 : -ENOENT;
        have += chunk;
    }
    return len > PATH_MAX_ ? -ENAMETOOLONG : -EINVAL;
}

int check_access(struct fproc *f, struct vnode *vp, int want)
{
    uint32_t mode = vp->mode;

    if (f->euid == 0)
        return (want & 1) && !S_ISDIR(mode) && !(mode & 0111) ? -EACCES : 0;
    int shift = (uint32_t)f->euid == vp->uid ? 6 : (uint32_t)f->egid == vp->gid ? 3 : 0;
    return (((mode >> shift) & 7) & want) == (uint32_t)want ? 0 : -EACCES;
}

/* ".." from dir, leaving through the top of mounted file systems. */
static int dotdot(struct fproc *f, struct vnode *dir, struct vnode **out)
{
    struct fs_attr a;

    while (dir != f->root && dir->vmnt && dir == dir->vmnt->root && dir->vmnt->covered)
        dir = dir->vmnt->covered;
    if (dir == f->root || dir == root_vnode) {
        vnode_ref(dir);
        *out = dir;
        return 0;
    }
    int r = fs_lookup(dir, "..", &a);
    if (r < 0)
        return r;
    *out = vnode_get(dir->vmnt, &a);
    return *out ? 0 : -ENFILE;
}

/*
 * The vnode of name in dir (a new reference), from the name cache or else
 * by FS_LOOKUP, whose answer is cached. No permission check and no mount
 * crossing: that is the caller's business.
 */
int lookup_name(struct vnode *dir, const char *name, struct vnode **out)
{
    struct fs_attr a;
    struct vnode *vp;
    int r = nc_lookup(dir, name, &vp);

    if (r < 0)
        return r;
    if (r == 0) {
        r = fs_lookup(dir, name, &a);
        if (r == -ENOENT)
            nc_enter(dir, name, NULL);
        if (r < 0)
            return r;
        vp = vnode_get(dir->vmnt, &a);
        if (!vp)
            return -ENFILE;
        nc_enter(dir, name, vp);
    }
    *out = vp;
    return 0;
}

/* One step: the vnode name names inside dir (a new reference). */
int lookup_step(struct fproc *f, struct vnode *dir, const char *name, struct vnode **out)
{
    if (!S_ISDIR(dir->mode))
        return -ENOTDIR;
    int r = check_access(f, dir, 1);
    if (r < 0)
        return r;
    if (strcmp(name, ".") == 0) {
        vnode_ref(dir);
        *out = dir;
        return 0;
    }
    if (strcmp(name, "..") == 0)
        return dotdot(f, dir, out);
    struct vnode *vp;
    if ((r = lookup_name(dir, name, &vp)) < 0)
        return r;
    if (vp->mounted) {
        struct vnode *top = vp->mounted->root;
        vnode_ref(top);
        vnode_put(vp);
        vp = top;
    }
    *out = vp;
    return 0;
}

/* Next component of *p into name; false at the end. */
static bool next_component(const char **p, char *name, int *err)
{
    const char *s = *p;

    while (*s == '/')
        s++;
    if (!*s)
        return false;
    size_t n = 0;
    while (s[n] && s[n] != '/')
        n++;
    if (n > NAME_MAX_) {
        *err = -ENAMETOOLONG;
        return false;
    }
    memcpy(name, s, n);
    name[n] = '\0';
    *p = s + n;
    return true;
}

static bool only_slashes(const char *p)
{
    while (*p == '/')
        p++;
    return *p == '\0';
}

struct walk {
    struct fproc *f;
    int flags;
    int links;
    char *last; /* LOOKUP_PARENT: the final component */
};

static int walk(struct walk *w, const char *path, struct vnode *start, struct vnode **out);

/* Continue at a symlink: its target, then the rest of the path. */
static int follow(struct walk *w, struct vnode *dir, struct vnode *link, const char *rest,
                  struct vnode **out)
{
    static char buf[PATH_MAX_ + 1];
    char target[PATH_MAX_ + 1];

    if (++w->links > SYMLOOP)
        return -ELOOP;
    int n = fs_readlink(link, target, PATH_MAX_);
    if (n < 0)
        return n;
    target[n] = '\0';
    if ((size_t)n + strlen(rest) + 2 > sizeof(buf))
        return -ENAMETOOLONG;
    strcpy(buf, target);
    if (rest[0]) { /* the link was not the last component (or had a slash after it) */
        strcat(buf, "/");
        strcat(buf, rest);
    }
    char copy[sizeof(buf)];
    strcpy(copy, buf);
    struct vnode *start = copy[0] == '/' ? w->f->root : dir;
    return walk(w, copy, start, out);
}

static int walk(struct walk *w, const char *path, struct vnode *start, struct vnode **out)
{
    char name[NAME_MAX_ + 1];
    struct vnode *cur = start;
    const char *p = path;
    int err = 0;

    vnode_ref(cur);
    while (next_component(&p, name, &err)) {
        bool last = only_slashes(p);
        if (last && (w->flags & LOOKUP_PARENT)) {
            if (!S_ISDIR(cur->mode)) {
                vnode_put(cur);
                return -ENOTDIR;
            }
            strcpy(w->last, name);
            *out = cur;
            return 0;
        }
        struct vnode *next;
        err = lookup_step(w->f, cur, name, &next);
        if (err < 0)
            break;
        bool follow_it = !last || !(w->flags & LOOKUP_NOFOLLOW) || *p == '/';
        if (S_ISLNK(next->mode) && follow_it) {
            err = follow(w, cur, next, p, out);
            vnode_put(next);
            vnode_put(cur);
            return err;
        }
        vnode_put(cur);
        cur = next;
    }
    if (err < 0) {
        vnode_put(cur);
        return err;
    }
    if (w->flags & LOOKUP_PARENT) {
        strcpy(w->last, "."); /* the path named a directory itself ("/", "a/..") */
    } else if (path[0] && path[strlen(path) - 1] == '/' && !S_ISDIR(cur->mode)) {
        vnode_put(cur);
        return -ENOTDIR;
    }
    *out = cur;
    return 0;
}

int lookup(struct fproc *f, const char *path, int flags, struct vnode **out)
{
    struct walk w = { f, flags & ~LOOKUP_PARENT, 0, NULL };

    if (!path[0])
        return -ENOENT;
    return walk(&w, path, path[0] == '/' ? f->root : f->cwd, out);
}

/* The directory holding path's last component, and that component. */
int lookup_parent(struct fproc *f, const char *path, struct vnode **dir, char *last)
{
    struct walk w = { f, LOOKUP_PARENT, 0, last };

    if (!path[0])
        return -ENOENT;
    return walk(&w, path, path[0] == '/' ? f->root : f->cwd, dir);
}
