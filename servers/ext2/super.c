/*
 * The superblock after mount: sync, unmount, statfs, and what happens when
 * corruption is found.
 *
 * Sync order: the cache writes file data, then metadata blocks (indirect
 * blocks, directories, inode tables, bitmaps); then the primary group
 * descriptor table and the primary superblock are written, as Linux's ext2
 * does (the backup copies are left alone; e2fsck does not expect their
 * counts to follow).
 *
 * Corruption: fs_corrupt logs what was found, marks the file system with
 * EXT2_ERROR_FS (written at the next sync) and, if the superblock asks for
 * it (s_errors remount-ro or panic), stops accepting changes. The call that
 * found the problem returns EXT2_ECORRUPT; the server never aborts on a bad
 * image.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core.h"

static void fs_vlog(struct ext2_fs *fs, const char *fmt, va_list ap)
{
    char msg[160];
    if (fs->dev.log == NULL)
        return;
    int n = snprintf(msg, sizeof(msg), "ext2: ");
    vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
    fs->dev.log(fs->dev.ctx, msg);
}

void fs_log(struct ext2_fs *fs, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fs_vlog(fs, fmt, ap);
    va_end(ap);
}

int fs_fail(struct ext2_fs *fs, int err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fs_vlog(fs, fmt, ap);
    va_end(ap);
    return err;
}

int fs_corrupt(struct ext2_fs *fs, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fs_vlog(fs, fmt, ap);
    va_end(ap);
    if (!fs->errors && !fs->mounted_rdonly) {
        fs->sb.s_state |= EXT2_ERROR_FS;
        fs->super_dirty = true;
    }
    fs->errors = true;
    if (fs->sb.s_errors == EXT2_ERRORS_RO || fs->sb.s_errors == EXT2_ERRORS_PANIC)
        fs->rdonly = true;
    return -EXT2_ECORRUPT;
}

uint32_t fs_now(const struct ext2_fs *fs)
{
    return fs->dev.now ? (uint32_t)fs->dev.now(fs->dev.ctx) : 0;
}

int fs_check_writable(const struct ext2_fs *fs)
{
    return fs->rdonly ? -EROFS : 0;
}

static int write_groups(struct ext2_fs *fs)
{
    size_t bytes = (size_t)fs->gdt_blocks * fs->block_size;
    uint64_t offset = (uint64_t)(fs->first_data_block + 1) * fs->block_size;
    return fs->dev.write(fs->dev.ctx, offset, fs->groups, bytes) != 0 ? -EIO : 0;
}

int fs_write_super(struct ext2_fs *fs)
{
    fs->sb.s_wtime = fs_now(fs);
    if (fs->dev.write(fs->dev.ctx, EXT2_SUPER_OFFSET, &fs->sb, EXT2_SUPER_SIZE) != 0)
        return -EIO;
    return 0;
}

int ext2_sync(struct ext2_fs *fs)
{
    if (fs->mounted_rdonly)
        return 0;
    orphans_retry(fs);
    int err = cache_flush(fs->cache);
    if (!fs->super_dirty)
        return err;
    int meta_err = write_groups(fs);
    if (meta_err == 0)
        meta_err = fs_write_super(fs);
    if (meta_err == 0)
        fs->super_dirty = false;
    return err != 0 ? err : meta_err;
}

void fs_destroy(struct ext2_fs *fs)
{
    cache_destroy(fs->cache);
    free(fs->orphans);
    free(fs->bounce);
    free(fs->groups);
    free(fs);
}

int ext2_unmount(struct ext2_fs *fs)
{
    int err = iref_reap_all(fs);
    if (cache_held(fs->cache) != 0)
        fs_log(fs, "unmount: %u buffers still held", cache_held(fs->cache));
    if (!fs->mounted_rdonly) {
        fs->sb.s_state = fs->mount_state;
        if (fs->errors)
            fs->sb.s_state |= EXT2_ERROR_FS;
        fs->super_dirty = true;
    }
    int sync_err = ext2_sync(fs);
    fs_destroy(fs);
    return err != 0 ? err : sync_err;
}

int ext2_statfs(struct ext2_fs *fs, struct ext2_statfs *st)
{
    const struct ext2_super *sb = &fs->sb;
    if (st == NULL)
        return -EINVAL;
    st->block_size = fs->block_size;
    st->blocks = fs->blocks_count;
    st->free_blocks = sb->s_free_blocks_count;
    st->avail_blocks = sb->s_free_blocks_count > sb->s_r_blocks_count
                           ? sb->s_free_blocks_count - sb->s_r_blocks_count
                           : 0;
    st->inodes = fs->inodes_count;
    st->free_inodes = sb->s_free_inodes_count;
    st->name_max = EXT2_NAME_MAX;
    st->flags = (fs->rdonly ? EXT2_STATFS_RDONLY : 0) | (fs->errors ? EXT2_STATFS_ERRORS : 0);
    return 0;
}
