/*
 * The block map: a file's logical block numbers to disk blocks.
 *
 * i_block holds 12 direct block numbers, then one indirect, one double
 * indirect and one triple indirect block: a tree at most three indirect
 * blocks deep, so walking it always ends. A zero anywhere is a hole, which
 * reads as zeros. Every block number read from the tree is checked
 * (block_check) before it is followed or returned.
 *
 * bmap_alloc fills a hole: it allocates the missing indirect blocks and the
 * data block together, zeroes them in the cache, and only then links the
 * new branch into the tree, so a failure (no space, no buffer) undoes its
 * allocations and leaves the tree as it was. The new blocks go right after
 * the nearest mapped block before them, keeping files contiguous.
 */
#include <string.h>

#include "core.h"

/* Split lblk into its path through the tree: path[0] is the i_block slot,
 * path[1..depth] indexes in the indirect blocks. Returns the depth (0-3),
 * or -EFBIG past what the tree can address. */
int bmap_path(const struct ext2_fs *fs, uint64_t lblk, uint32_t path[4])
{
    uint64_t p = fs->addr_per_block;
    uint32_t mask = fs->addr_per_block - 1;
    if (lblk < EXT2_N_DIRECT) {
        path[0] = (uint32_t)lblk;
        return 0;
    }
    lblk -= EXT2_N_DIRECT;
    if (lblk < p) {
        path[0] = EXT2_IND_SLOT;
        path[1] = (uint32_t)lblk;
        return 1;
    }
    lblk -= p;
    if (lblk < p * p) {
        path[0] = EXT2_DIND_SLOT;
        path[1] = (uint32_t)(lblk >> fs->addr_log);
        path[2] = (uint32_t)lblk & mask;
        return 2;
    }
    lblk -= p * p;
    if (lblk < p * p * p) {
        path[0] = EXT2_TIND_SLOT;
        path[1] = (uint32_t)(lblk >> (2 * fs->addr_log));
        path[2] = (uint32_t)(lblk >> fs->addr_log) & mask;
        path[3] = (uint32_t)lblk & mask;
        return 3;
    }
    return -EFBIG;
}

static uint32_t *block_words(struct buf *bp)
{
    return (uint32_t *)bp->data;
}

/* The disk block of logical block lblk, or 0 for a hole. */
int bmap_lookup(struct ext2_fs *fs, struct inode *ip, uint64_t lblk, uint32_t *pblk)
{
    uint32_t path[4];
    int depth = bmap_path(fs, lblk, path);
    if (depth < 0)
        return depth;
    uint32_t blk = ip->raw->i_block[path[0]];
    for (int level = 1; level <= depth && blk != 0; level++) {
        struct buf *bp;
        int err = block_check(fs, blk);
        if (err != 0 || (err = buf_read(fs->cache, blk, &bp)) != 0)
            return err;
        blk = block_words(bp)[path[level]];
        buf_release(fs->cache, bp);
    }
    if (blk != 0) {
        int err = block_check(fs, blk);
        if (err != 0)
            return err;
    }
    *pblk = blk;
    return 0;
}

/* The walk down to a logical block: the buffers held on the way and the
 * first empty slot met. */
struct bmap_walk {
    int depth;
    uint32_t path[4];
    struct buf *held[4]; /* held[l]: the indirect block at level l (1..depth) */
    int level;           /* the level of the empty slot, or depth + 1 if mapped */
    uint32_t *slot;      /* the empty slot, in i_block or in held[level] */
    uint32_t mapped;     /* the data block, when mapped */
};

static void walk_release(struct ext2_fs *fs, struct bmap_walk *w)
{
    for (int l = 1; l <= w->depth; l++) {
        if (w->held[l] != NULL)
            buf_release(fs->cache, w->held[l]);
        w->held[l] = NULL;
    }
}

static int walk_down(struct ext2_fs *fs, struct inode *ip, uint64_t lblk, struct bmap_walk *w)
{
    memset(w, 0, sizeof(*w));
    if ((w->depth = bmap_path(fs, lblk, w->path)) < 0)
        return w->depth;
    uint32_t *slot = &ip->raw->i_block[w->path[0]];
    for (int level = 0;; level++) {
        int err = *slot != 0 ? block_check(fs, *slot) : 0;
        if (err != 0)
            return err;
        if (*slot == 0 || level == w->depth) {
            w->level = *slot == 0 ? level : w->depth + 1;
            w->slot = slot;
            w->mapped = *slot;
            return 0;
        }
        if ((err = buf_read(fs->cache, *slot, &w->held[level + 1])) != 0)
            return err;
        slot = &block_words(w->held[level + 1])[w->path[level + 1]];
    }
}

/* Where to put a new block for the empty slot: after the nearest mapped
 * block before it in the same table, else after the table's own block,
 * else at the start of the inode's group. */
static uint32_t alloc_goal(const struct ext2_fs *fs, const struct inode *ip,
                           const struct bmap_walk *w)
{
    const uint32_t *table = ip->raw->i_block;
    uint32_t index = w->path[w->level];
    if (w->level > 0)
        table = block_words(w->held[w->level]);
    for (uint32_t i = index; i-- > 0;) {
        if (table[i] != 0)
            return table[i] + 1;
    }
    if (w->level > 0)
        return w->held[w->level]->blockno + 1;
    return group_first_block(fs, (ip->ino - 1) / fs->inodes_per_group);
}

/* Allocate count blocks and hold them zeroed; on failure undo it all. */
static int alloc_branch(struct ext2_fs *fs, uint32_t goal, int count, uint32_t blocks[4],
                        struct buf *bufs[4])
{
    int done = 0, err = 0;
    for (; done < count; done++) {
        if ((err = block_alloc(fs, goal, &blocks[done])) != 0)
            break;
        if ((err = buf_fresh(fs->cache, blocks[done], &bufs[done])) != 0) {
            block_free(fs, blocks[done]);
            break;
        }
        goal = blocks[done] + 1;
    }
    if (err == 0)
        return 0;
    while (done-- > 0) {
        buf_release(fs->cache, bufs[done]);
        block_free(fs, blocks[done]);
    }
    return err;
}

/* Map logical block lblk, allocating it (and any indirect blocks on the
 * way) if it is a hole. A new data block comes back held in *fresh, zeroed
 * and dirty; for a block already mapped *fresh is NULL. */
int bmap_alloc(struct ext2_fs *fs, struct inode *ip, uint64_t lblk, uint32_t *pblk,
               struct buf **fresh)
{
    struct bmap_walk w;
    uint32_t blocks[4];
    struct buf *bufs[4];
    *fresh = NULL;
    int err = walk_down(fs, ip, lblk, &w);
    if (err != 0 || w.level > w.depth) {
        *pblk = w.mapped;
        walk_release(fs, &w);
        return err;
    }
    int count = w.depth - w.level + 1;
    if ((err = alloc_branch(fs, alloc_goal(fs, ip, &w), count, blocks, bufs)) != 0) {
        walk_release(fs, &w);
        return err;
    }
    /* Committed: chain the new blocks, then hang the branch in the tree. */
    for (int i = 0; i + 1 < count; i++) {
        block_words(bufs[i])[w.path[w.level + 1 + i]] = blocks[i + 1];
        buf_release(fs->cache, bufs[i]);
    }
    *w.slot = blocks[0];
    if (w.level > 0)
        buf_dirty(w.held[w.level]);
    inode_add_blocks(fs, ip, count);
    walk_release(fs, &w);
    *pblk = blocks[count - 1];
    *fresh = bufs[count - 1];
    return 0;
}
