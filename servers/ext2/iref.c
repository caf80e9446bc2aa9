/*
 * Inode references held by the server on behalf of vfs, and orphans.
 *
 * A small hash table of (inode, count) pairs. While an inode has a count
 * it stays allocated even with no links left, so a file unlinked while
 * open keeps its data; the put that drops the last reference deletes it.
 *
 * An orphan is an inode with no links and no references whose deletion
 * failed part way (a device error): it is kept in a list and deleted again
 * at each sync and at unmount, so a device that recovers (a restarted
 * driver) leaves no unattached inode behind. ext2 has no on-disk orphan
 * list; after a crash, e2fsck finds such inodes.
 */
#include <stdlib.h>

#include "core.h"

static struct iref **iref_link(struct ext2_fs *fs, uint32_t ino)
{
    struct iref **link = &fs->irefs[ino % IREF_BUCKETS];
    while (*link != NULL && (*link)->ino != ino)
        link = &(*link)->next;
    return link;
}

uint32_t iref_count(const struct ext2_fs *fs, uint32_t ino)
{
    const struct iref *ref = fs->irefs[ino % IREF_BUCKETS];
    while (ref != NULL && ref->ino != ino)
        ref = ref->next;
    return ref ? ref->count : 0;
}

int ext2_get(struct ext2_fs *fs, uint32_t ino)
{
    struct inode ip;
    int err = inode_get_live(fs, ino, &ip);
    if (err != 0)
        return err;
    inode_release(fs, &ip);
    struct iref **link = iref_link(fs, ino);
    if (*link == NULL) {
        struct iref *ref = calloc(1, sizeof(*ref));
        if (ref == NULL)
            return -ENOMEM;
        ref->ino = ino;
        *link = ref;
    }
    if ((*link)->count == UINT32_MAX)
        return -EOVERFLOW;
    (*link)->count++;
    return 0;
}

int ext2_put(struct ext2_fs *fs, uint32_t ino)
{
    struct iref **link = iref_link(fs, ino);
    struct iref *ref = *link;
    if (ref == NULL)
        return -EINVAL;
    if (--ref->count != 0)
        return 0;
    *link = ref->next;
    free(ref);
    return inode_reap(fs, ino);
}

void orphan_note(struct ext2_fs *fs, uint32_t ino)
{
    for (uint32_t i = 0; i < fs->norphans; i++)
        if (fs->orphans[i] == ino)
            return;
    if (fs->norphans == fs->orphans_cap) {
        uint32_t cap = fs->orphans_cap ? 2 * fs->orphans_cap : 16;
        uint32_t *grown = realloc(fs->orphans, cap * sizeof(*grown));
        if (grown == NULL) {
            fs_log(fs, "inode %u left undeleted: no memory", ino);
            return;
        }
        fs->orphans = grown;
        fs->orphans_cap = cap;
    }
    fs->orphans[fs->norphans++] = ino;
}

/* Try the failed deletions again; those failing again stay listed. A
 * failure re-notes its inode at index norphans, never past the one being
 * tried, so the loop reads no entry it has overwritten. */
int orphans_retry(struct ext2_fs *fs)
{
    uint32_t count = fs->norphans;
    int err = 0;
    fs->norphans = 0;
    for (uint32_t i = 0; i < count; i++) {
        int r = inode_reap(fs, fs->orphans[i]);
        if (r != 0 && err == 0)
            err = r;
    }
    return err;
}

/* Drop every reference (at unmount), deleting inodes left without links. */
int iref_reap_all(struct ext2_fs *fs)
{
    int err = 0;
    for (uint32_t slot = 0; slot < IREF_BUCKETS; slot++) {
        while (fs->irefs[slot] != NULL) {
            struct iref *ref = fs->irefs[slot];
            uint32_t ino = ref->ino;
            fs->irefs[slot] = ref->next;
            free(ref);
            int r = inode_reap(fs, ino);
            if (r != 0 && err == 0)
                err = r;
        }
    }
    int r = orphans_retry(fs);
    return err != 0 ? err : r;
}
