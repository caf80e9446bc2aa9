/*
 * Mounting: reading and checking the superblock and group descriptors.
 *
 * Everything later code trusts about the geometry is checked here once:
 * the block size (1, 2 or 4 KiB), the group sizes, the inode size, that the
 * image fits the device, that the inode count matches the groups, and for
 * every group that its bitmaps and inode table lie inside the group, clear
 * of its superblock copy and descriptor table, and that its free counts fit.
 * Code that later meets a block or inode number on disk checks it against
 * this geometry (block_check, ino_valid) before using it.
 *
 * Features: an unknown incompatible feature refuses the mount (-ENOTSUP);
 * an unknown read-only-compatible one mounts read-only. A read-write mount
 * clears EXT2_VALID_FS on disk until the unmount, counts the mount and
 * stamps the mount time, as Linux does.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

/* Geometry from the superblock fields; they are checked by the caller. */
static void derive_geometry(struct ext2_fs *fs)
{
    const struct ext2_super *sb = &fs->sb;
    bool dynamic = sb->s_rev_level >= EXT2_DYNAMIC_REV;
    fs->block_log = EXT2_MIN_BLOCK_LOG + sb->s_log_block_size;
    fs->block_size = 1u << fs->block_log;
    fs->addr_log = fs->block_log - 2;
    fs->addr_per_block = 1u << fs->addr_log;
    fs->blocks_count = sb->s_blocks_count;
    fs->first_data_block = sb->s_first_data_block;
    fs->blocks_per_group = sb->s_blocks_per_group;
    fs->inodes_count = sb->s_inodes_count;
    fs->inodes_per_group = sb->s_inodes_per_group;
    fs->inode_size = dynamic ? sb->s_inode_size : EXT2_OLD_INODE_SIZE;
    fs->first_ino = dynamic ? sb->s_first_ino : EXT2_OLD_FIRST_INO;
    if (dynamic && (sb->s_feature_compat & EXT2_FEATURE_COMPAT_RESIZE_INODE))
        fs->reserved_gdt_blocks = sb->s_reserved_gdt_blocks;
    fs->has_filetype = dynamic && (sb->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE);
    fs->sparse_super = dynamic && (sb->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER);
}

static int check_block_size(struct ext2_fs *fs)
{
    const struct ext2_super *sb = &fs->sb;
    if (sb->s_magic != EXT2_SUPER_MAGIC)
        return fs_fail(fs, -EINVAL, "no ext2 superblock (magic %#x)", sb->s_magic);
    if (sb->s_rev_level > EXT2_DYNAMIC_REV)
        return fs_fail(fs, -EINVAL, "unknown revision %u", (unsigned)sb->s_rev_level);
    if (sb->s_log_block_size > EXT2_MAX_BLOCK_LOG - EXT2_MIN_BLOCK_LOG)
        return fs_fail(fs, -EINVAL, "unsupported block size");
    return 0;
}

static bool is_power_of_two(uint32_t n)
{
    return n != 0 && (n & (n - 1)) == 0;
}

static int check_inodes(struct ext2_fs *fs)
{
    if (fs->inode_size < EXT2_OLD_INODE_SIZE || fs->inode_size > fs->block_size ||
        !is_power_of_two(fs->inode_size))
        return fs_fail(fs, -EINVAL, "bad inode size %u", fs->inode_size);
    fs->inodes_per_block = fs->block_size / fs->inode_size;
    if (fs->inodes_per_group < fs->inodes_per_block || fs->inodes_per_group > 8 * fs->block_size ||
        fs->inodes_per_group % fs->inodes_per_block != 0)
        return fs_fail(fs, -EINVAL, "bad inodes per group %u", fs->inodes_per_group);
    fs->itb_per_group = fs->inodes_per_group / fs->inodes_per_block;
    if ((uint64_t)fs->groups_count * fs->inodes_per_group != fs->inodes_count)
        return fs_fail(fs, -EINVAL, "inode count %u does not match the groups", fs->inodes_count);
    if (fs->first_ino < EXT2_OLD_FIRST_INO || fs->first_ino >= fs->inodes_count)
        return fs_fail(fs, -EINVAL, "bad first inode %u", fs->first_ino);
    return 0;
}

static int check_blocks(struct ext2_fs *fs)
{
    uint32_t fdb = fs->block_size == 1024 ? 1 : 0;
    if (fs->first_data_block != fdb)
        return fs_fail(fs, -EINVAL, "bad first data block %u", fs->first_data_block);
    if (fs->blocks_per_group < 8 || fs->blocks_per_group > 8 * fs->block_size ||
        fs->blocks_per_group % 8 != 0)
        return fs_fail(fs, -EINVAL, "bad blocks per group %u", fs->blocks_per_group);
    if (fs->blocks_count <= fdb || (uint64_t)fs->blocks_count * fs->block_size > fs->dev.size)
        return fs_fail(fs, -EINVAL, "block count %u does not fit the device", fs->blocks_count);
    if (fs->sb.s_r_blocks_count > fs->blocks_count)
        return fs_fail(fs, -EINVAL, "bad reserved block count");
    fs->groups_count = (fs->blocks_count - fdb - 1) / fs->blocks_per_group + 1;
    fs->gdt_blocks = (fs->groups_count - 1) / (fs->block_size / EXT2_DESC_SIZE) + 1;
    if (fs->reserved_gdt_blocks > fs->addr_per_block)
        return fs_fail(fs, -EINVAL, "bad reserved GDT block count");
    if (group_meta_blocks(fs, 0) >= group_block_count(fs, 0))
        return fs_fail(fs, -EINVAL, "descriptor table does not fit group 0");
    return 0;
}

/* Unknown incompatible features refuse the mount; unknown read-only ones
 * make it read-only. Revision 0 has no feature fields. */
static int check_features(struct ext2_fs *fs)
{
    const struct ext2_super *sb = &fs->sb;
    if (sb->s_rev_level < EXT2_DYNAMIC_REV)
        return 0;
    uint32_t incompat = sb->s_feature_incompat & ~EXT2_FEATURE_INCOMPAT_KNOWN;
    if (incompat != 0) {
        fs_log(fs, "unsupported incompatible features %#x: not mounted", (unsigned)incompat);
        return -ENOTSUP;
    }
    uint32_t ro_compat = sb->s_feature_ro_compat & ~EXT2_FEATURE_RO_COMPAT_KNOWN;
    if (ro_compat != 0 && !fs->rdonly) {
        fs_log(fs, "unsupported read-only features %#x: mounted read-only", (unsigned)ro_compat);
        fs->rdonly = true;
    }
    return 0;
}

/* The file size limit: what the block map can address, and what i_blocks
 * (32 bits of 512-byte sectors) can count with the indirect blocks. */
static void derive_limits(struct ext2_fs *fs)
{
    uint64_t p = fs->addr_per_block;
    fs->map_blocks = EXT2_N_DIRECT + p + p * p + p * p * p;
    uint64_t countable = UINT32_MAX >> (fs->block_log - 9);
    uint64_t indirect = 1 + (1 + p) + (1 + p + p * p);
    uint64_t blocks = countable - indirect;
    if (blocks > fs->map_blocks)
        blocks = fs->map_blocks;
    fs->max_file_size = blocks << fs->block_log;
    if (fs->sb.s_rev_level < EXT2_DYNAMIC_REV)
        fs->max_file_size = INT32_MAX; /* no large_file in revision 0 */
}

/* Whether [start, start + len) lies inside [lo, hi). */
static bool range_inside(uint32_t start, uint32_t len, uint32_t lo, uint32_t hi)
{
    return start >= lo && start < hi && len <= hi - start;
}

static bool in_table(const struct ext2_fs *fs, uint32_t blk, uint32_t table)
{
    return blk >= table && blk - table < fs->itb_per_group;
}

static int check_group(struct ext2_fs *fs, uint32_t group)
{
    const struct ext2_group_desc *gd = &fs->groups[group];
    uint32_t first = group_first_block(fs, group);
    uint32_t count = group_block_count(fs, group);
    uint32_t lo = first + group_meta_blocks(fs, group);
    uint32_t hi = first + count;
    uint32_t table = gd->bg_inode_table;
    bool ok = range_inside(gd->bg_block_bitmap, 1, lo, hi) &&
              range_inside(gd->bg_inode_bitmap, 1, lo, hi) &&
              range_inside(table, fs->itb_per_group, lo, hi) &&
              gd->bg_block_bitmap != gd->bg_inode_bitmap &&
              !in_table(fs, gd->bg_block_bitmap, table) &&
              !in_table(fs, gd->bg_inode_bitmap, table);
    if (!ok)
        return fs_fail(fs, -EINVAL, "group %u: bitmaps or inode table misplaced", group);
    if (gd->bg_free_blocks_count > count || gd->bg_free_inodes_count > fs->inodes_per_group ||
        gd->bg_used_dirs_count > fs->inodes_per_group)
        return fs_fail(fs, -EINVAL, "group %u: bad counts", group);
    return 0;
}

/* Read the primary descriptor table, check each group, sum the free counts
 * into the superblock (the descriptors are the authority, as in Linux). */
static int load_groups(struct ext2_fs *fs)
{
    size_t bytes = (size_t)fs->gdt_blocks * fs->block_size;
    uint64_t offset = (uint64_t)(fs->first_data_block + 1) * fs->block_size;
    fs->groups = malloc(bytes);
    if (fs->groups == NULL)
        return -ENOMEM;
    if (fs->dev.read(fs->dev.ctx, offset, fs->groups, bytes) != 0)
        return fs_fail(fs, -EIO, "cannot read the group descriptors");
    uint64_t free_blocks = 0, free_inodes = 0;
    for (uint32_t g = 0; g < fs->groups_count; g++) {
        int err = check_group(fs, g);
        if (err != 0)
            return err;
        free_blocks += fs->groups[g].bg_free_blocks_count;
        free_inodes += fs->groups[g].bg_free_inodes_count;
    }
    if (free_blocks > fs->blocks_count || free_inodes > fs->inodes_count)
        return fs_fail(fs, -EINVAL, "free counts exceed the totals");
    fs->sb.s_free_blocks_count = (uint32_t)free_blocks;
    fs->sb.s_free_inodes_count = (uint32_t)free_inodes;
    return 0;
}

static int check_root(struct ext2_fs *fs)
{
    struct inode root;
    int err = inode_load(fs, EXT2_ROOT_INO, &root);
    if (err != 0)
        return err;
    if (!inode_is_dir(&root) || root.raw->i_links_count == 0)
        err = fs_corrupt(fs, "root inode is not a directory");
    inode_release(fs, &root);
    return err;
}

/* A read-write mount: mark the file system in use on disk. */
static int start_writing(struct ext2_fs *fs)
{
    struct ext2_super *sb = &fs->sb;
    fs->mount_state = sb->s_state;
    if (!(sb->s_state & EXT2_VALID_FS))
        fs_log(fs, "mounting a file system that was not cleanly unmounted; run e2fsck");
    if (sb->s_state & EXT2_ERROR_FS)
        fs_log(fs, "mounting a file system with errors; run e2fsck");
    sb->s_state &= ~EXT2_VALID_FS;
    if (sb->s_max_mnt_count == 0)
        sb->s_max_mnt_count = EXT2_DFL_MAX_MNT_CNT;
    sb->s_mnt_count++;
    sb->s_mtime = fs_now(fs);
    return fs_write_super(fs);
}

static int read_super(struct ext2_fs *fs)
{
    if (fs->dev.size < EXT2_SUPER_OFFSET + EXT2_SUPER_SIZE)
        return fs_fail(fs, -EINVAL, "device too small");
    if (fs->dev.read(fs->dev.ctx, EXT2_SUPER_OFFSET, &fs->sb, EXT2_SUPER_SIZE) != 0)
        return fs_fail(fs, -EIO, "cannot read the superblock");
    int err = check_block_size(fs);
    if (err != 0)
        return err;
    derive_geometry(fs);
    if ((err = check_features(fs)) != 0 || (err = check_blocks(fs)) != 0 ||
        (err = check_inodes(fs)) != 0)
        return err;
    derive_limits(fs);
    return 0;
}

static int mount_all(struct ext2_fs *fs)
{
    uint32_t nbufs = fs->dev.cache_blocks ? fs->dev.cache_blocks : EXT2_CACHE_DEFAULT;
    int err = read_super(fs);
    if (err != 0 || (err = load_groups(fs)) != 0)
        return err;
    if (!fs->dev.cache_blocks && fs->dev.cache_bytes)
        nbufs = (uint32_t)(fs->dev.cache_bytes / fs->block_size);
    if (nbufs < EXT2_CACHE_MIN)
        nbufs = EXT2_CACHE_MIN;
    /* A cache sized from cache_bytes may not fit the server's heap: shrink
     * it by a quarter at a time until it does, down to the default. */
    while ((err = cache_create(&fs->dev, fs->block_size, nbufs, &fs->cache)) == -ENOMEM &&
           nbufs / 4 * 3 >= EXT2_CACHE_DEFAULT)
        nbufs = nbufs / 4 * 3;
    if (err != 0)
        return err;
    if ((fs->bounce = malloc(fs->block_size)) == NULL)
        return -ENOMEM;
    if ((err = check_root(fs)) != 0)
        return err;
    fs->next_generation = fs->sb.s_wtime ^ fs_now(fs);
    fs->mounted_rdonly = fs->rdonly;
    return fs->rdonly ? 0 : start_writing(fs);
}

int ext2_mount(const struct ext2_dev *dev, unsigned flags, struct ext2_fs **out)
{
    if (dev == NULL || dev->read == NULL || out == NULL)
        return -EINVAL;
    struct ext2_fs *fs = calloc(1, sizeof(*fs));
    if (fs == NULL)
        return -ENOMEM;
    fs->dev = *dev;
    fs->rdonly = (flags & EXT2_MOUNT_RDONLY) != 0 || dev->write == NULL;
    int err = mount_all(fs);
    if (err != 0) {
        fs_destroy(fs);
        return err;
    }
    *out = fs;
    return 0;
}
