/*
 * The vnode table. A vnode names (file system, inode) and caches the
 * attributes vfs decides with. Each FS_LOOKUP or creation hands vfs a
 * reference in the file system; vfs counts them per vnode (fs_refs) and
 * gives them back when it drops the vnode. Vnodes nobody uses stay cached
 * (refs == 0) until the table needs the slot (a clock hand picks which),
 * so repeated lookups of the same path cost no FS_PUTNODE round trips.
 */
#include <stdlib.h>
#include <string.h>
#include "vfs.h"

static struct vnode vnodes[NR_VNODES];
static uint32_t last_gen;

/* File system vnodes by (vmnt, ino), chained through same_hash: a lookup
 * or purge reads one short chain instead of the whole table. */
#define NR_HASH 256
static struct vnode *by_ino[NR_HASH];

/* Slots neither holding a vnode nor a pipe, and a clock hand that picks
 * the next cached, unused vnode to give up when there are none. */
static int nfree = NR_VNODES;
static int hand;

/* A fresh generation for a slot being filled: names cached for the
 * slot's previous vnode no longer match (namecache.c). Never 0. */
static uint32_t next_gen(void)
{
    if (++last_gen == 0)
        last_gen = 1;
    return last_gen;
}

static struct vnode **chain_of(const struct vmnt *vm, uint64_t ino)
{
    return &by_ino[((uintptr_t)vm / sizeof(void *) + ino * 0x9E3779B1u) % NR_HASH];
}

static void unchain(struct vnode *vp)
{
    for (struct vnode **pp = chain_of(vp->vmnt, vp->ino); *pp; pp = &(*pp)->same_hash)
        if (*pp == vp) {
            *pp = vp->same_hash;
            return;
        }
}

static bool slot_free(const struct vnode *vp)
{
    return !vp->vmnt && !vp->pipe && vp->refs == 0;
}

/* Empty a slot; a file system's vnode gives its references back first. */
static void drop(struct vnode *vp)
{
    if (vp->vmnt) {
        if (vp->fs_refs)
            fs_putnode(vp);
        unchain(vp);
    }
    if (!slot_free(vp))
        nfree++;
    memset(vp, 0, sizeof(*vp));
}

/* A free slot, taken: an empty one, or else the next cached vnode nobody
 * uses, given up (the clock hand goes round, so the oldest go first). */
static struct vnode *free_slot(void)
{
    for (int i = 0; nfree > 0 && i < NR_VNODES; i++)
        if (slot_free(&vnodes[i])) {
            nfree--;
            return &vnodes[i];
        }
    for (int k = 0; k < NR_VNODES; k++) {
        struct vnode *vp = &vnodes[hand];
        hand = (hand + 1) % NR_VNODES;
        if (vp->vmnt && vp->refs == 0 && !vp->mounted) {
            drop(vp);
            nfree--;
            return vp;
        }
    }
    return NULL;
}

static void set_attr(struct vnode *vp, const struct fs_attr *a)
{
    vp->mode = a->mode;
    vp->nlink = a->nlink;
    vp->uid = a->uid;
    vp->gid = a->gid;
    vp->rdev = a->rdev;
    vp->size = a->size;
}

/* The vnode for a, with the reference the file system just gave us. */
struct vnode *vnode_get(struct vmnt *vm, const struct fs_attr *a)
{
    struct vnode **chain = chain_of(vm, a->ino);

    for (struct vnode *vp = *chain; vp; vp = vp->same_hash) {
        if (vp->vmnt == vm && vp->ino == a->ino && (vp->fs_refs || vp->refs)) {
            vp->refs++;
            vp->fs_refs++;
            set_attr(vp, a);
            return vp;
        }
    }
    struct vnode *vp = free_slot();
    if (!vp)
        return NULL;
    vp->vmnt = vm;
    vp->ino = a->ino;
    vp->same_hash = *chain;
    *chain = vp;
    vp->gen = next_gen();
    vp->refs = 1;
    vp->fs_refs = 1;
    set_attr(vp, a);
    return vp;
}

void vnode_ref(struct vnode *vp)
{
    vp->refs++;
}

void vnode_put(struct vnode *vp)
{
    if (!vp || --vp->refs > 0)
        return;
    if (vp->pipe) {
        free(vp->pipe);
        drop(vp);
    } else if (vp->nlink == 0) {
        drop(vp); /* unlinked: let the file system free it now */
    }
}

struct vnode *vnode_new_pipe(void)
{
    struct vnode *vp = free_slot();

    if (!vp)
        return NULL;
    vp->refs = 1;
    vp->gen = next_gen();
    vp->mode = S_IFIFO | 0600;
    vp->nlink = 1;
    return vp;
}

bool vnode_is_mountpoint(const struct vnode *vp)
{
    return vp->mounted != NULL;
}

/* After an unlink or rename: forget a cached, unused vnode so a removed
 * file's inode is freed by its file system at once. */
void vnode_purge(struct vmnt *vm, uint64_t ino)
{
    for (struct vnode *vp = *chain_of(vm, ino), *next; vp; vp = next) {
        next = vp->same_hash;
        if (vp->vmnt == vm && vp->ino == ino && vp->refs == 0 && !vp->mounted)
            drop(vp);
    }
}

/* Give back every cached reference of a file system (unmount, shutdown). */
void vnode_flush(struct vmnt *vm)
{
    for (int i = 0; i < NR_VNODES; i++) {
        struct vnode *vp = &vnodes[i];
        if (vp->vmnt == vm && vp->refs == 0 && !vp->mounted)
            drop(vp);
    }
}

/* References held on a file system's vnodes, and mounts on them (each
 * counts as one): what keeps it busy. */
int vnode_refs_in(const struct vmnt *vm)
{
    int n = 0;

    for (int i = 0; i < NR_VNODES; i++)
        if (vnodes[i].vmnt == vm)
            n += vnodes[i].refs + (vnodes[i].mounted != NULL);
    return n;
}
