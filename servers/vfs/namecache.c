/*
 * The name cache: (directory vnode, name) -> vnode, so a path walked again
 * costs no FS_LOOKUP round trips to its file system. Under emulation each
 * round trip is two address-space switches, the dearest thing a lookup
 * does; with the cache a warm stat of a five-component path is one
 * request, the FS_STAT.
 *
 * Why it is right:
 *   - Only vfs speaks to file system servers, so every change of a name
 *     passes through vfs, and every request that removes or makes a name
 *     (unlink, rmdir, rename, create, mkdir, mknod, symlink, link) forgets
 *     it before asking the file system (fsreq.c).
 *   - Negative entries: a name FS_LOOKUP did not find, or one just
 *     removed, is remembered as absent (vp NULL), so a compiler's search
 *     of its include path or a create after a delete costs no lookup.
 *   - An entry names its two vnodes by pointer plus generation. A vnode
 *     slot gets a new generation each time it is filled (vnode.c), so an
 *     entry whose vnode was dropped (table pressure, unmount, sync,
 *     deletion) no longer matches and is never followed.
 *   - The walk still checks search permission on every directory, from
 *     the directory vnode's mode, uid and gid, which vfs keeps current on
 *     chmod and chown; mount points are still replaced by the mounted
 *     root after a hit ("." and ".." are never cached).
 *   - A file system whose server stops answering has its names forgotten
 *     (fsreq.c), as has one being unmounted.
 *
 * Direct-mapped: a colliding entry replaces the older one.
 */
#include <string.h>
#include "vfs.h"

#define NC_SLOTS    1024 /* a power of two */
#define NC_NAME_MAX 39   /* longer names are not cached */

struct name_entry {
    struct vnode *dir, *vp; /* NULL: empty */
    uint32_t dir_gen, vp_gen;
    uint8_t len;
    char name[NC_NAME_MAX + 1];
};

static struct name_entry cache[NC_SLOTS];

static struct name_entry *slot_of(const struct vnode *dir, const char *name, size_t len)
{
    uint32_t h = 2166136261u ^ dir->gen;

    for (size_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)name[i]) * 16777619u;
    return &cache[h & (NC_SLOTS - 1)];
}

static bool cacheable(const char *name, size_t len)
{
    return len > 0 && len <= NC_NAME_MAX && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

static bool matches(const struct name_entry *e, const struct vnode *dir, const char *name,
                    size_t len)
{
    return e->dir == dir && e->dir_gen == dir->gen && (!e->vp || e->vp->gen == e->vp_gen) &&
           e->len == len && memcmp(e->name, name, len) == 0;
}

/* name in dir: 1 with *out its vnode (a new reference), -ENOENT when it is
 * known to be absent, 0 when the cache does not know. */
int nc_lookup(struct vnode *dir, const char *name, struct vnode **out)
{
    size_t len = strlen(name);

    if (!cacheable(name, len))
        return 0;
    struct name_entry *e = slot_of(dir, name, len);
    if (!matches(e, dir, name, len))
        return 0;
    if (!e->vp)
        return -ENOENT;
    vnode_ref(e->vp);
    *out = e->vp;
    return 1;
}

/* Remember that name in dir is vp (both file system vnodes), or absent
 * (vp NULL). */
void nc_enter(struct vnode *dir, const char *name, struct vnode *vp)
{
    size_t len = strlen(name);

    if (!cacheable(name, len) || !dir->gen || (vp && !vp->gen))
        return;
    struct name_entry *e = slot_of(dir, name, len);
    e->dir = dir;
    e->dir_gen = dir->gen;
    e->vp = vp;
    e->vp_gen = vp ? vp->gen : 0;
    e->len = (uint8_t)len;
    memcpy(e->name, name, len + 1);
}

/* Forget name in dir: it is about to be removed or replaced. */
void nc_forget(struct vnode *dir, const char *name)
{
    size_t len = strlen(name);

    if (!cacheable(name, len))
        return;
    struct name_entry *e = slot_of(dir, name, len);
    if (matches(e, dir, name, len))
        memset(e, 0, sizeof(*e));
}

/* Forget every name in vm (unmount, a server that stopped answering). */
void nc_forget_fs(const struct vmnt *vm)
{
    for (int i = 0; i < NC_SLOTS; i++) {
        struct name_entry *e = &cache[i];
        if (e->dir && (e->dir->vmnt == vm || (e->vp && e->vp->vmnt == vm)))
            memset(e, 0, sizeof(*e));
    }
}
