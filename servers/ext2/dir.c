/*
 * Directories: blocks of variable-length entries.
 *
 * A directory is a file whose blocks each hold a chain of entries; each
 * entry's rec_len leads to the next, and the chain tiles the block exactly.
 * An entry takes 8 bytes plus its name rounded up to 4 and may be longer,
 * the slack being room for a new entry. Rules kept here:
 *   - rec_len is a multiple of 4, at least 12, and no entry crosses a
 *     block; a name fits its entry and holds no '\0' or '/'. A block is
 *     checked whole (dir_check_block) before any entry in it is read or
 *     changed, so offsets and names within it can be trusted; the cache
 *     buffer remembers a pass until the block is read again or changed by
 *     anything but this file (buf_dirty), so a scan of a big directory
 *     checks each block once. This file's own changes keep the pass
 *     (buf_dirty_keep_check): they put only valid names (name_valid),
 *     inode numbers it was given and rec_lens that tile the block.
 *   - adding an entry takes an unused entry (inode 0) big enough, or
 *     splits the slack off an entry; failing that, the directory grows by
 *     a block holding one unused entry.
 *   - removing an entry gives its space to the entry before it; the first
 *     entry of a block has none before it and becomes unused instead.
 *   - a directory is never shrunk, and has no holes (a hole is corruption).
 *   - a directory with an htree index (dir_index) reads as a plain one: its
 *     index blocks look like unused entries. Any change clears
 *     EXT2_INDEX_FL, as Linux's ext2 does, since the index goes stale.
 *
 * Operations find their entry (or room for one) first, holding the block,
 * and change it afterwards, when nothing can fail any more.
 */
#include <string.h>

#include "core.h"

int name_check(const char *name, size_t *len)
{
    if (name == NULL)
        return -EINVAL;
    size_t n = strnlen(name, EXT2_NAME_MAX + 1);
    if (n == 0)
        return -ENOENT;
    if (n > EXT2_NAME_MAX)
        return -ENAMETOOLONG;
    if (memchr(name, '/', n) != NULL)
        return -EINVAL;
    *len = n;
    return 0;
}

bool name_is_dots(const char *name, size_t len)
{
    return name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.'));
}

unsigned dir_file_type(const struct ext2_fs *fs, uint32_t mode)
{
    if (!fs->has_filetype)
        return EXT2_FT_UNKNOWN;
    switch (mode & EXT2_S_IFMT) {
    case EXT2_S_IFREG:
        return EXT2_FT_REG_FILE;
    case EXT2_S_IFDIR:
        return EXT2_FT_DIR;
    case EXT2_S_IFCHR:
        return EXT2_FT_CHRDEV;
    case EXT2_S_IFBLK:
        return EXT2_FT_BLKDEV;
    case EXT2_S_IFIFO:
        return EXT2_FT_FIFO;
    case EXT2_S_IFSOCK:
        return EXT2_FT_SOCK;
    case EXT2_S_IFLNK:
        return EXT2_FT_SYMLINK;
    default:
        return EXT2_FT_UNKNOWN;
    }
}

static struct ext2_dirent *dirent_at(uint8_t *block, uint32_t off)
{
    return (struct ext2_dirent *)(block + off);
}

/* Check the entry d, with room bytes left in its block: false if it is
 * malformed. A name in use may not hold '\0' or '/'. */
static bool dirent_valid(const struct ext2_fs *fs, const struct ext2_dirent *d, uint32_t room)
{
    if (room < EXT2_DIRENT_MIN || d->rec_len < EXT2_DIRENT_MIN || d->rec_len > room ||
        d->rec_len % EXT2_DIR_ROUND != 0)
        return false;
    if (!fs->has_filetype && d->file_type != 0)
        return false; /* the high byte of a 16-bit name length */
    if (fs->has_filetype && d->file_type >= EXT2_FT_MAX)
        return false;
    if (ext2_dirent_size(d->name_len) > d->rec_len)
        return false;
    if (d->inode == 0)
        return true;
    return d->name_len != 0 && ino_valid(fs, d->inode) &&
           memchr(d->name, '\0', d->name_len) == NULL && memchr(d->name, '/', d->name_len) == NULL;
}

int dir_check_block(struct ext2_fs *fs, uint32_t dir_ino, uint8_t *block)
{
    for (uint32_t off = 0; off < fs->block_size; off += dirent_at(block, off)->rec_len) {
        if (!dirent_valid(fs, dirent_at(block, off), fs->block_size - off))
            return fs_corrupt(fs, "directory %u: bad entry at offset %u", dir_ino, off);
    }
    return 0;
}

/* Hold logical block lblk of directory dir, checked. */
int dir_block_get(struct ext2_fs *fs, struct inode *dir, uint64_t lblk, struct buf **out)
{
    uint32_t pblk;
    int err = bmap_lookup(fs, dir, lblk, &pblk);
    if (err != 0)
        return err;
    if (pblk == 0)
        return fs_corrupt(fs, "directory %u: hole at block %llu", dir->ino,
                          (unsigned long long)lblk);
    if ((err = buf_read(fs->cache, pblk, out)) != 0)
        return err;
    if ((*out)->dir_checked) /* unchanged since it passed: a lookup scans it only once */
        return 0;
    if ((err = dir_check_block(fs, dir->ino, (*out)->data)) != 0)
        buf_release(fs->cache, *out);
    else
        (*out)->dir_checked = true;
    return err;
}

static uint64_t dir_blocks(const struct ext2_fs *fs, const struct inode *dir)
{
    return dir->raw->i_size >> fs->block_log;
}

static bool dirent_is(const struct ext2_dirent *d, const char *name, size_t len)
{
    /* the last byte first: names in one directory often share a prefix */
    return d->inode != 0 && d->name_len == len && len > 0 && d->name[len - 1] == name[len - 1] &&
           memcmp(d->name, name, len) == 0;
}

/* The offset of the entry called name in a checked block, or block_size. */
static uint32_t block_find_name(const struct ext2_fs *fs, uint8_t *block, const char *name,
                                size_t len)
{
    uint32_t off = 0;
    while (off < fs->block_size && !dirent_is(dirent_at(block, off), name, len))
        off += dirent_at(block, off)->rec_len;
    return off;
}

/* The offset of an entry with room for need bytes, or block_size. */
static uint32_t block_find_room(const struct ext2_fs *fs, uint8_t *block, uint32_t need)
{
    uint32_t off = 0;
    for (; off < fs->block_size; off += dirent_at(block, off)->rec_len) {
        const struct ext2_dirent *d = dirent_at(block, off);
        uint32_t used = d->inode ? ext2_dirent_size(d->name_len) : 0;
        if (d->rec_len - used >= need)
            break;
    }
    return off;
}

void dir_slot_release(struct ext2_fs *fs, struct dir_slot *slot)
{
    if (slot->bp != NULL)
        buf_release(fs->cache, slot->bp);
    slot->bp = NULL;
}

/* Find the entry called name: on success its block is held in slot. */
int dir_find(struct ext2_fs *fs, struct inode *dir, const char *name, size_t len,
             struct dir_slot *slot, uint32_t *ino)
{
    slot->bp = NULL;
    for (uint64_t lblk = 0; lblk < dir_blocks(fs, dir); lblk++) {
        struct buf *bp;
        int err = dir_block_get(fs, dir, lblk, &bp);
        if (err != 0)
            return err;
        uint32_t off = block_find_name(fs, bp->data, name, len);
        if (off < fs->block_size) {
            *slot = (struct dir_slot){ .bp = bp, .off = off, .lblk = lblk };
            *ino = dirent_at(bp->data, off)->inode;
            return 0;
        }
        buf_release(fs->cache, bp);
    }
    return -ENOENT;
}

/* Check that name is not in dir and find room for it: slot holds the block
 * with room, or slot->bp is NULL when the directory must grow. */
int dir_find_space(struct ext2_fs *fs, struct inode *dir, const char *name, size_t len,
                   struct dir_slot *slot)
{
    uint32_t need = ext2_dirent_size((uint32_t)len);
    slot->bp = NULL;
    for (uint64_t lblk = 0; lblk < dir_blocks(fs, dir); lblk++) {
        struct buf *bp;
        int err = dir_block_get(fs, dir, lblk, &bp);
        if (err == 0 && block_find_name(fs, bp->data, name, len) < fs->block_size) {
            buf_release(fs->cache, bp);
            err = -EEXIST;
        }
        if (err != 0) {
            dir_slot_release(fs, slot);
            return err;
        }
        uint32_t off = slot->bp ? fs->block_size : block_find_room(fs, bp->data, need);
        if (off < fs->block_size)
            *slot = (struct dir_slot){ .bp = bp, .off = off, .lblk = lblk };
        else
            buf_release(fs->cache, bp);
    }
    return 0;
}

/* Grow dir by one block of free space and point slot at it. */
int dir_extend(struct ext2_fs *fs, struct inode *dir, struct dir_slot *slot)
{
    uint32_t size = dir->raw->i_size;
    uint32_t pblk;
    struct buf *bp;
    if (size > UINT32_MAX - fs->block_size)
        return -EFBIG;
    int err = bmap_alloc(fs, dir, size >> fs->block_log, &pblk, &bp);
    if (err != 0)
        return err;
    if (bp == NULL)
        return fs_corrupt(fs, "directory %u: block mapped past its end", dir->ino);
    struct ext2_dirent *d = dirent_at(bp->data, 0);
    d->inode = 0;
    d->rec_len = (uint16_t)fs->block_size;
    inode_set_size(dir, size + fs->block_size);
    *slot = (struct dir_slot){ .bp = bp, .off = 0, .lblk = size >> fs->block_log };
    return 0;
}

/* The directory changed: times, and the htree index is no longer valid. */
void dir_modified(struct ext2_fs *fs, struct inode *dir)
{
    dir->raw->i_flags &= ~EXT2_INDEX_FL;
    inode_touch(fs, dir, true);
}

/* Put a new entry in the room slot found (dir_find_space or dir_extend). */
void dir_add(struct ext2_fs *fs, struct inode *dir, struct dir_slot *slot, const char *name,
             size_t len, uint32_t ino, uint32_t mode)
{
    struct ext2_dirent *d = dirent_at(slot->bp->data, slot->off);
    if (d->inode != 0) {
        uint32_t used = ext2_dirent_size(d->name_len);
        struct ext2_dirent *split = dirent_at(slot->bp->data, slot->off + used);
        split->rec_len = (uint16_t)(d->rec_len - used);
        d->rec_len = (uint16_t)used;
        d = split;
    }
    d->inode = ino;
    d->name_len = (uint8_t)len;
    d->file_type = (uint8_t)dir_file_type(fs, mode);
    memcpy(d->name, name, len);
    buf_dirty_keep_check(slot->bp);
    dir_modified(fs, dir);
}

/* Point the entry in slot at another inode (rename over a file). */
void dir_set(struct ext2_fs *fs, struct inode *dir, struct dir_slot *slot, uint32_t ino,
             uint32_t mode)
{
    struct ext2_dirent *d = dirent_at(slot->bp->data, slot->off);
    d->inode = ino;
    if (fs->has_filetype)
        d->file_type = (uint8_t)dir_file_type(fs, mode);
    buf_dirty_keep_check(slot->bp);
    dir_modified(fs, dir);
}

/* Remove the entry in slot: the entry before it takes its space. The
 * block is walked again here since an insertion may have split it. */
void dir_remove(struct ext2_fs *fs, struct inode *dir, struct dir_slot *slot)
{
    uint8_t *block = slot->bp->data;
    uint32_t off = 0, prev = fs->block_size;
    while (off < slot->off) {
        prev = off;
        off += dirent_at(block, off)->rec_len;
    }
    if (prev < fs->block_size && off == slot->off)
        dirent_at(block, prev)->rec_len += dirent_at(block, off)->rec_len;
    else
        dirent_at(block, slot->off)->inode = 0;
    buf_dirty_keep_check(slot->bp);
    dir_modified(fs, dir);
}

/* 1 if dir holds nothing but "." and "..", 0 if it holds more. */
int dir_is_empty(struct ext2_fs *fs, struct inode *dir)
{
    for (uint64_t lblk = 0; lblk < dir_blocks(fs, dir); lblk++) {
        struct buf *bp;
        int err = dir_block_get(fs, dir, lblk, &bp);
        if (err != 0)
            return err;
        bool empty = true;
        for (uint32_t off = 0; off < fs->block_size && empty;) {
            struct ext2_dirent *d = dirent_at(bp->data, off);
            empty = d->inode == 0 || name_is_dots(d->name, d->name_len);
            off += d->rec_len;
        }
        buf_release(fs->cache, bp);
        if (!empty)
            return 0;
    }
    return 1;
}

/* Lay out a new directory's first block: "." and "..". */
void dir_init_block(struct ext2_fs *fs, uint8_t *block, uint32_t self, uint32_t parent)
{
    struct ext2_dirent *dot = dirent_at(block, 0);
    uint32_t dot_len = ext2_dirent_size(1);
    dot->inode = self;
    dot->rec_len = (uint16_t)dot_len;
    dot->name_len = 1;
    dot->file_type = (uint8_t)dir_file_type(fs, EXT2_S_IFDIR);
    dot->name[0] = '.';
    struct ext2_dirent *dotdot = dirent_at(block, dot_len);
    dotdot->inode = parent;
    dotdot->rec_len = (uint16_t)(fs->block_size - dot_len);
    dotdot->name_len = 2;
    dotdot->file_type = dot->file_type;
    memcpy(dotdot->name, "..", 2);
}
