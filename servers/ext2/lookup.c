/*
 * Reading directories: looking a name up, and listing entries.
 *
 * A readdir cookie is the byte offset in the directory of the next entry
 * to deliver. Entries never move, but a removal merges an entry into the
 * one before it, so a cookie may land inside an entry: listing resumes at
 * the first entry starting at or after the cookie in its block, walking
 * the block's chain from its start.
 */
#include <string.h>

#include "core.h"

static int dir_get(struct ext2_fs *fs, uint32_t ino, struct inode *dir)
{
    int err = inode_get_live(fs, ino, dir);
    if (err != 0)
        return err;
    if (!inode_is_dir(dir)) {
        inode_release(fs, dir);
        return -ENOTDIR;
    }
    return 0;
}

int ext2_lookup(struct ext2_fs *fs, uint32_t dir_ino, const char *name, uint32_t *ino)
{
    struct inode dir, found;
    struct dir_slot slot;
    size_t len;
    int err = name_check(name, &len);
    if (ino == NULL)
        return -EINVAL;
    if (err != 0 || (err = dir_get(fs, dir_ino, &dir)) != 0)
        return err;
    uint32_t entry_ino = 0;
    err = dir_find(fs, &dir, name, len, &slot, &entry_ino);
    dir_slot_release(fs, &slot);
    inode_release(fs, &dir);
    if (err != 0)
        return err;
    if ((err = inode_get_entry(fs, entry_ino, &found)) != 0)
        return err;
    inode_release(fs, &found);
    *ino = entry_ino;
    return 0;
}

/* Deliver the entries of one checked block from offset start on. Returns
 * 1 (stopped; *next is the entry not consumed), 0 (block done) or an
 * error from fn. */
static int list_block(struct ext2_fs *fs, uint8_t *block, uint32_t start, ext2_dirent_fn fn,
                      void *ctx, uint32_t *next)
{
    char name[EXT2_NAME_MAX + 1];
    uint32_t off = 0;
    while (off < start)
        off += ((struct ext2_dirent *)(block + off))->rec_len;
    for (; off < fs->block_size; off += ((struct ext2_dirent *)(block + off))->rec_len) {
        const struct ext2_dirent *d = (const struct ext2_dirent *)(block + off);
        if (d->inode == 0)
            continue;
        memcpy(name, d->name, d->name_len);
        name[d->name_len] = '\0';
        unsigned type = fs->has_filetype ? d->file_type : EXT2_FT_UNKNOWN;
        int r = fn(ctx, name, d->name_len, d->inode, type);
        if (r != 0) {
            *next = off;
            return r < 0 ? r : 1;
        }
    }
    return 0;
}

int ext2_readdir(struct ext2_fs *fs, uint32_t dir_ino, uint64_t *cookie, ext2_dirent_fn fn,
                 void *ctx)
{
    struct inode dir;
    if (cookie == NULL || fn == NULL)
        return -EINVAL;
    int err = dir_get(fs, dir_ino, &dir);
    if (err != 0)
        return err;
    uint64_t size = dir.raw->i_size;
    uint64_t pos = *cookie;
    while (err == 0 && pos < size) {
        uint64_t lblk = pos >> fs->block_log;
        uint32_t next = 0;
        struct buf *bp;
        if ((err = dir_block_get(fs, &dir, lblk, &bp)) != 0)
            break;
        err = list_block(fs, bp->data, (uint32_t)(pos & (fs->block_size - 1)), fn, ctx, &next);
        buf_release(fs->cache, bp);
        pos = err == 1 ? (lblk << fs->block_log) + next : (lblk + 1) << fs->block_log;
        if (err >= 0)
            *cookie = pos;
    }
    inode_release(fs, &dir);
    return err;
}
