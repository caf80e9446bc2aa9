/*
 * Block and inode allocation: the bitmaps and the free counts.
 *
 * Each group has a block bitmap and an inode bitmap (one block each, read
 * through the cache) and a descriptor with its free counts; the superblock
 * holds the totals. Every change updates the bitmap, the descriptor and the
 * superblock together, after checking that they agree, so the counts stay
 * exact. A bitmap that disagrees with the rest of the file system (a free
 * bit on a group's own metadata, a free bit on an inode still linked, a bit
 * already clear when a block is freed, a count that says free where the
 * bitmap is full) is reported as corruption; the bitmaps are never trusted
 * to hand out a block the group's metadata uses. Allocation then fails;
 * freeing counts as done (the thing is free either way), so a deletion
 * can always finish.
 *
 * Placement: a block goes as close after its goal as possible (bmap.c
 * passes the block before it in the file, or the inode's group), searching
 * forward through the goal's group and then the groups after it. A new
 * directory goes to a group with more free inodes than average and the
 * most free blocks, spreading the tree; any other inode goes to its
 * parent directory's group, or the first group after it with room.
 */
#include <string.h>

#include "core.h"

uint32_t group_first_block(const struct ext2_fs *fs, uint32_t group)
{
    return fs->first_data_block + group * fs->blocks_per_group;
}

uint32_t group_block_count(const struct ext2_fs *fs, uint32_t group)
{
    if (group == fs->groups_count - 1)
        return fs->blocks_count - group_first_block(fs, group);
    return fs->blocks_per_group;
}

static bool is_power_of(uint32_t n, uint32_t base)
{
    while (n > 1 && n % base == 0)
        n /= base;
    return n == 1;
}

/* Groups 0 and 1 and the powers of 3, 5 and 7 keep superblock copies under
 * sparse_super; without it every group does. */
static bool group_has_super(const struct ext2_fs *fs, uint32_t group)
{
    if (group <= 1 || !fs->sparse_super)
        return true;
    return is_power_of(group, 3) || is_power_of(group, 5) || is_power_of(group, 7);
}

/* Blocks at the start of the group for the superblock and descriptor copies. */
uint32_t group_meta_blocks(const struct ext2_fs *fs, uint32_t group)
{
    if (!group_has_super(fs, group))
        return 0;
    return 1 + fs->gdt_blocks + fs->reserved_gdt_blocks;
}

/* Whether blk holds a superblock, descriptor table, reserved descriptor
 * block, bitmap or inode table: blocks no file may own. */
bool block_is_fixed_meta(const struct ext2_fs *fs, uint32_t blk)
{
    uint32_t group = (blk - fs->first_data_block) / fs->blocks_per_group;
    const struct ext2_group_desc *gd = &fs->groups[group];
    if (blk - group_first_block(fs, group) < group_meta_blocks(fs, group))
        return true;
    if (blk == gd->bg_block_bitmap || blk == gd->bg_inode_bitmap)
        return true;
    return blk >= gd->bg_inode_table && blk - gd->bg_inode_table < fs->itb_per_group;
}

/* Check a block number read from disk before it is used as a file block. */
int block_check(struct ext2_fs *fs, uint32_t blk)
{
    if (blk < fs->first_data_block || blk >= fs->blocks_count || block_is_fixed_meta(fs, blk))
        return fs_corrupt(fs, "bad block number %u in a file", blk);
    return 0;
}

static bool bit_test(const uint8_t *map, uint32_t bit)
{
    return (map[bit >> 3] >> (bit & 7)) & 1;
}

static void bit_set(uint8_t *map, uint32_t bit)
{
    map[bit >> 3] |= (uint8_t)(1u << (bit & 7));
}

static void bit_clear(uint8_t *map, uint32_t bit)
{
    map[bit >> 3] &= (uint8_t) ~(1u << (bit & 7));
}

/* The first clear bit in [start, limit), or limit. Full stretches go by
 * 64 bits, then by bytes: allocation scans from a group's start. */
static uint32_t bitmap_find_zero(const uint8_t *map, uint32_t start, uint32_t limit)
{
    uint32_t bit = start;
    while (bit < limit) {
        uint64_t word;
        if ((bit & 63) == 0 && bit + 64 <= limit &&
            (memcpy(&word, map + (bit >> 3), sizeof(word)), word == UINT64_MAX)) {
            bit += 64;
            continue;
        }
        if ((bit & 7) == 0 && bit + 8 <= limit && map[bit >> 3] == 0xff) {
            bit += 8;
            continue;
        }
        if (!bit_test(map, bit))
            return bit;
        bit++;
    }
    return limit;
}

/* Take a free block in group at or after bit start; -ENOSPC if none. */
static int alloc_in_group(struct ext2_fs *fs, uint32_t group, uint32_t start, uint32_t *out)
{
    struct ext2_group_desc *gd = &fs->groups[group];
    struct buf *bp;
    int err = buf_read(fs->cache, gd->bg_block_bitmap, &bp);
    if (err != 0)
        return err;
    uint32_t limit = group_block_count(fs, group);
    uint32_t bit = bitmap_find_zero(bp->data, start, limit);
    uint32_t blk = group_first_block(fs, group) + bit;
    if (bit == limit)
        err = start == 0 ? fs_corrupt(fs, "group %u: free block count disagrees", group) : -ENOSPC;
    else if (block_is_fixed_meta(fs, blk))
        err = fs_corrupt(fs, "group %u: metadata block %u marked free", group, blk);
    if (err == 0) {
        bit_set(bp->data, bit);
        buf_dirty(bp);
        gd->bg_free_blocks_count--;
        fs->sb.s_free_blocks_count--;
        fs->super_dirty = true;
        *out = blk;
    }
    buf_release(fs->cache, bp);
    return err;
}

int block_alloc(struct ext2_fs *fs, uint32_t goal, uint32_t *out)
{
    if (fs->sb.s_free_blocks_count == 0)
        return -ENOSPC;
    if (goal < fs->first_data_block || goal >= fs->blocks_count)
        goal = fs->first_data_block;
    uint32_t first_group = (goal - fs->first_data_block) / fs->blocks_per_group;
    uint32_t first_bit = (goal - fs->first_data_block) % fs->blocks_per_group;
    /* The goal's group from the goal on, the other groups, the goal's group again. */
    for (uint32_t i = 0; i <= fs->groups_count; i++) {
        uint32_t group = (first_group + i) % fs->groups_count;
        if (fs->groups[group].bg_free_blocks_count == 0)
            continue;
        int err = alloc_in_group(fs, group, i == 0 ? first_bit : 0, out);
        if (err != -ENOSPC)
            return err;
    }
    return -ENOSPC;
}

/* Free block blk. A block the bitmap already shows free is reported as
 * corruption but counts as freed: the caller may drop its pointer. Fails
 * only when the bitmap cannot be read. */
int block_free(struct ext2_fs *fs, uint32_t blk)
{
    if (block_check(fs, blk) != 0)
        return 0; /* reported; not ours to free */
    uint32_t group = (blk - fs->first_data_block) / fs->blocks_per_group;
    uint32_t bit = (blk - fs->first_data_block) % fs->blocks_per_group;
    struct ext2_group_desc *gd = &fs->groups[group];
    struct buf *bp;
    int err = buf_read(fs->cache, gd->bg_block_bitmap, &bp);
    if (err != 0)
        return err;
    if (!bit_test(bp->data, bit)) {
        fs_corrupt(fs, "freeing block %u, which is free", blk);
    } else if (gd->bg_free_blocks_count >= group_block_count(fs, group)) {
        fs_corrupt(fs, "group %u: free block count overflows", group);
    } else {
        bit_clear(bp->data, bit);
        buf_dirty(bp);
        gd->bg_free_blocks_count++;
        fs->sb.s_free_blocks_count++;
        fs->super_dirty = true;
    }
    buf_release(fs->cache, bp);
    cache_forget(fs->cache, blk);
    return 0;
}

/* A group for a new directory: free inodes above average, most free blocks. */
static uint32_t group_for_dir(const struct ext2_fs *fs)
{
    uint32_t average = fs->sb.s_free_inodes_count / fs->groups_count;
    uint32_t best = 0, best_blocks = 0;
    bool found = false;
    for (uint32_t g = 0; g < fs->groups_count; g++) {
        const struct ext2_group_desc *gd = &fs->groups[g];
        if (gd->bg_free_inodes_count == 0 || gd->bg_free_inodes_count < average)
            continue;
        if (!found || gd->bg_free_blocks_count > best_blocks) {
            best = g;
            best_blocks = gd->bg_free_blocks_count;
            found = true;
        }
    }
    return best;
}

/* Whether the inode a free bit names is really unused. */
static int inode_check_unused(struct ext2_fs *fs, uint32_t ino)
{
    struct inode ip;
    int err = inode_load(fs, ino, &ip);
    if (err != 0)
        return err;
    if (ip.raw->i_links_count != 0 || iref_count(fs, ino) != 0)
        err = fs_corrupt(fs, "inode %u is in use but marked free", ino);
    inode_release(fs, &ip);
    return err;
}

/* Take a free inode in group; -ENOSPC if none. */
static int inode_alloc_in_group(struct ext2_fs *fs, uint32_t group, bool is_dir, uint32_t *out)
{
    struct ext2_group_desc *gd = &fs->groups[group];
    uint64_t group_base = (uint64_t)group * fs->inodes_per_group;
    uint32_t start = fs->first_ino - 1 > group_base ? fs->first_ino - 1 - group_base : 0;
    struct buf *bp;
    int err = buf_read(fs->cache, gd->bg_inode_bitmap, &bp);
    if (err != 0)
        return err;
    uint32_t bit = bitmap_find_zero(bp->data, start, fs->inodes_per_group);
    uint32_t ino = (uint32_t)group_base + bit + 1;
    if (bit >= fs->inodes_per_group)
        err = start == 0 ? fs_corrupt(fs, "group %u: free inode count disagrees", group) : -ENOSPC;
    else
        err = inode_check_unused(fs, ino);
    if (err == 0) {
        bit_set(bp->data, bit);
        buf_dirty(bp);
        gd->bg_free_inodes_count--;
        gd->bg_used_dirs_count += is_dir;
        fs->sb.s_free_inodes_count--;
        fs->super_dirty = true;
        *out = ino;
    }
    buf_release(fs->cache, bp);
    return err;
}

int inode_alloc(struct ext2_fs *fs, uint32_t dir_ino, bool is_dir, uint32_t *out)
{
    if (fs->sb.s_free_inodes_count == 0)
        return -ENOSPC;
    uint32_t first = is_dir ? group_for_dir(fs) : (dir_ino - 1) / fs->inodes_per_group;
    for (uint32_t i = 0; i < fs->groups_count; i++) {
        uint32_t group = (first + i) % fs->groups_count;
        if (fs->groups[group].bg_free_inodes_count == 0)
            continue;
        int err = inode_alloc_in_group(fs, group, is_dir, out);
        if (err != -ENOSPC)
            return err;
    }
    return -ENOSPC;
}

/* Free inode ino's bit; as with blocks, one already free is reported and
 * counts as freed. Fails only when the bitmap cannot be read. */
int inode_free_bit(struct ext2_fs *fs, uint32_t ino, bool is_dir)
{
    uint32_t group = (ino - 1) / fs->inodes_per_group;
    uint32_t bit = (ino - 1) % fs->inodes_per_group;
    struct ext2_group_desc *gd = &fs->groups[group];
    struct buf *bp;
    int err = buf_read(fs->cache, gd->bg_inode_bitmap, &bp);
    if (err != 0)
        return err;
    if (!bit_test(bp->data, bit)) {
        fs_corrupt(fs, "freeing inode %u, which is free", ino);
    } else if (gd->bg_free_inodes_count >= fs->inodes_per_group) {
        fs_corrupt(fs, "group %u: free inode count overflows", group);
    } else {
        bit_clear(bp->data, bit);
        buf_dirty(bp);
        gd->bg_free_inodes_count++;
        if (is_dir && gd->bg_used_dirs_count > 0)
            gd->bg_used_dirs_count--;
        fs->sb.s_free_inodes_count++;
        fs->super_dirty = true;
    }
    buf_release(fs->cache, bp);
    return 0;
}
