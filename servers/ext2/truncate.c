/*
 * Truncation: freeing a file's blocks from a logical block on, and
 * resizing regular files.
 *
 * truncate_blocks walks each of the four trees in i_block (direct blocks,
 * then the single, double and triple indirect trees), depth first, freeing
 * every block at or past the cut and every indirect block whose whole range
 * lies past it; an indirect block straddling the cut keeps its lower half.
 * A pointer is cleared only after what it points to is freed, so a block
 * that cannot be freed (its bitmap or, for an indirect block, the block
 * itself cannot be read) stays in the tree: nothing the file still names
 * is freed and nothing freed is still named, and running the truncation
 * again later finishes the job. The walk goes on past such failures and
 * returns the first. A block number that fails its check is reported and
 * dropped from the tree without freeing anything.
 *
 * A shrink sets the new size only once the blocks past it are gone: if
 * freeing fails part way, the file keeps its old size with holes where
 * blocks were freed (which e2fsck accepts), never blocks past its end.
 * Bytes past the end of file in the last block are zeroed, so a later
 * extension (by a write or a resize) reads zeros there.
 */
#include <string.h>

#include "core.h"

/* A truncation in progress: what to cut, and the first error met. */
struct cut {
    struct inode *ip;
    uint64_t from; /* the first logical block to free */
    int err;
};

/* Logical blocks one pointer at this depth covers: p^depth. */
static uint64_t span_of(const struct ext2_fs *fs, int depth)
{
    return (uint64_t)1 << (depth * fs->addr_log);
}

static void free_tree(struct ext2_fs *fs, struct cut *cut, uint32_t *ptr, int depth, uint64_t base);

static void note_error(struct cut *cut, int err)
{
    if (cut->err == 0)
        cut->err = err;
}

/* Free the part of indirect block blk (covering lblks from base) past the
 * cut. Returns false if the block could not be read. */
static bool free_children(struct ext2_fs *fs, struct cut *cut, uint32_t blk, int depth,
                          uint64_t base)
{
    struct buf *bp;
    int err = buf_read(fs->cache, blk, &bp);
    if (err != 0) {
        note_error(cut, err);
        return false;
    }
    uint64_t child_span = span_of(fs, depth - 1);
    uint32_t first = base >= cut->from ? 0 : (uint32_t)((cut->from - base) / child_span);
    uint32_t *words = (uint32_t *)bp->data;
    for (uint32_t i = first; i < fs->addr_per_block; i++) {
        if (words[i] == 0)
            continue;
        free_tree(fs, cut, &words[i], depth - 1, base + i * child_span);
        buf_dirty(bp);
    }
    buf_release(fs->cache, bp);
    return true;
}

/* Free what *ptr (a tree of the given depth covering lblks from base)
 * holds past the cut, clearing *ptr if it all goes. The caller marks the
 * buffer or inode holding *ptr dirty. */
static void free_tree(struct ext2_fs *fs, struct cut *cut, uint32_t *ptr, int depth, uint64_t base)
{
    uint32_t blk = *ptr;
    if (blk == 0 || base + span_of(fs, depth) <= cut->from)
        return;
    if (block_check(fs, blk) != 0) {
        *ptr = 0; /* reported; nothing to free */
        return;
    }
    if (depth > 0 && !free_children(fs, cut, blk, depth, base))
        return;
    if (base < cut->from)
        return; /* straddles the cut: keeps its lower part */
    int err = block_free(fs, blk);
    if (err != 0) {
        note_error(cut, err); /* the pointer stays, for a retry */
        return;
    }
    *ptr = 0;
    inode_add_blocks(fs, cut->ip, -1);
}

/* Free every block of the file from logical block first_lblk on. Goes on
 * past failures; returns the first. */
int truncate_blocks(struct ext2_fs *fs, struct inode *ip, uint64_t first_lblk)
{
    struct cut cut = { .ip = ip, .from = first_lblk, .err = 0 };
    uint32_t *iblock = ip->raw->i_block;
    uint64_t base = EXT2_N_DIRECT;
    for (uint32_t i = 0; i < EXT2_N_DIRECT; i++)
        free_tree(fs, &cut, &iblock[i], 0, i);
    for (int depth = 1; depth <= 3; depth++) {
        free_tree(fs, &cut, &iblock[EXT2_IND_SLOT + depth - 1], depth, base);
        base += span_of(fs, depth);
    }
    inode_dirty(ip);
    return cut.err;
}

/* Zero the bytes of the block holding offset from, from there to its end. */
int zero_tail(struct ext2_fs *fs, struct inode *ip, uint64_t from)
{
    uint32_t start = (uint32_t)(from & (fs->block_size - 1));
    uint32_t pblk;
    struct buf *bp;
    if (start == 0)
        return 0;
    int err = bmap_lookup(fs, ip, from >> fs->block_log, &pblk);
    if (err != 0 || pblk == 0)
        return err;
    if ((err = buf_read(fs->cache, pblk, &bp)) != 0)
        return err;
    memset(bp->data + start, 0, fs->block_size - start);
    bp->file_data = true;
    buf_dirty(bp);
    buf_release(fs->cache, bp);
    return 0;
}

/* Record that a file now needs the large_file feature (over 2 GiB). */
void fs_note_size(struct ext2_fs *fs, uint64_t size)
{
    if (size <= INT32_MAX || (fs->sb.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE))
        return;
    fs->sb.s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
    fs->super_dirty = true;
}

/* Set a regular file's size, freeing the blocks a shrink leaves past the
 * end; growing leaves a hole. */
int file_resize(struct ext2_fs *fs, struct inode *ip, uint64_t size)
{
    uint64_t old = inode_size(ip);
    if (size > fs->max_file_size)
        return -EFBIG;
    int err = zero_tail(fs, ip, size < old ? size : old);
    if (err == 0 && size < old)
        err = truncate_blocks(fs, ip, (size + fs->block_size - 1) >> fs->block_log);
    if (err == 0) {
        inode_set_size(ip, size);
        fs_note_size(fs, size);
    }
    inode_touch(fs, ip, true);
    return err;
}
