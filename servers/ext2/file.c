/*
 * Reading and writing regular files, a block at a time through the cache.
 *
 * A write first copies the client's bytes for a block into the bounce
 * buffer, and only then maps (perhaps allocates) the block and puts them
 * in: a copy that faults changes nothing, and a block is never allocated
 * without its contents being set. The size grows block by block with the
 * data, so a write cut short (disk full, a device error, a bad copy) leaves
 * no block past the end of file and returns the bytes it did write.
 *
 * Access times follow Linux's relatime: a read updates atime only when it
 * is older than mtime or ctime, or more than a day old.
 */
#include <string.h>

#include "core.h"

#define IO_MAX     (1u << 30) /* the most one call moves */
#define RELATIME_S (24 * 60 * 60)

/* Hold a regular file for I/O. */
static int file_get(struct ext2_fs *fs, uint32_t ino, struct inode *ip)
{
    int err = inode_get_live(fs, ino, ip);
    if (err != 0)
        return err;
    if (!inode_is_reg(ip)) {
        err = inode_is_dir(ip) ? -EISDIR : -EINVAL;
        inode_release(fs, ip);
    }
    return err;
}

static void update_atime(struct ext2_fs *fs, struct inode *ip)
{
    struct ext2_inode *raw = ip->raw;
    uint32_t now = fs_now(fs);
    if (fs->rdonly)
        return;
    if (raw->i_atime <= raw->i_mtime || raw->i_atime <= raw->i_ctime ||
        now - raw->i_atime >= RELATIME_S) {
        raw->i_atime = now;
        inode_dirty(ip);
    }
}

/* Copy n bytes at pos (within one block) of the file to the client. */
static int read_piece(struct ext2_fs *fs, struct inode *ip, uint64_t pos, size_t n,
                      const struct ext2_copy *to, size_t req_off)
{
    uint32_t pblk;
    struct buf *bp;
    int err = bmap_lookup(fs, ip, pos >> fs->block_log, &pblk);
    if (err != 0)
        return err;
    if (pblk == 0) {
        memset(fs->bounce, 0, n);
        return to->copy(to->ctx, req_off, fs->bounce, n);
    }
    if ((err = buf_read(fs->cache, pblk, &bp)) != 0)
        return err;
    err = to->copy(to->ctx, req_off, bp->data + (pos & (fs->block_size - 1)), n);
    buf_release(fs->cache, bp);
    return err;
}

/* The bytes of the block holding pos from pos on, at most left. */
static size_t piece_len(const struct ext2_fs *fs, uint64_t pos, size_t left)
{
    size_t room = fs->block_size - (size_t)(pos & (fs->block_size - 1));
    return left < room ? left : room;
}

ssize_t ext2_read(struct ext2_fs *fs, uint32_t ino, uint64_t off, size_t len,
                  const struct ext2_copy *to)
{
    struct inode ip;
    if (to == NULL || to->copy == NULL)
        return -EINVAL;
    int err = file_get(fs, ino, &ip);
    if (err != 0)
        return err;
    uint64_t size = inode_size(&ip);
    if (len > IO_MAX)
        len = IO_MAX;
    if (off >= size)
        len = 0;
    else if (len > size - off)
        len = (size_t)(size - off);
    size_t done = 0;
    while (done < len) {
        size_t n = piece_len(fs, off + done, len - done);
        if ((err = read_piece(fs, &ip, off + done, n, to, done)) != 0)
            break;
        done += n;
    }
    if (done > 0)
        update_atime(fs, &ip);
    inode_release(fs, &ip);
    return done > 0 ? (ssize_t)done : err;
}

/* Write n bytes at pos (within one block) from the client. */
static int write_piece(struct ext2_fs *fs, struct inode *ip, uint64_t pos, size_t n,
                       const struct ext2_copy *from, size_t req_off)
{
    uint32_t pblk;
    struct buf *bp;
    int err = from->copy(from->ctx, req_off, fs->bounce, n);
    if (err != 0)
        return err;
    if ((err = bmap_alloc(fs, ip, pos >> fs->block_log, &pblk, &bp)) != 0)
        return err;
    if (bp == NULL && (err = buf_read(fs->cache, pblk, &bp)) != 0)
        return err;
    memcpy(bp->data + (pos & (fs->block_size - 1)), fs->bounce, n);
    bp->file_data = true;
    buf_dirty(bp);
    buf_release(fs->cache, bp);
    if (pos + n > inode_size(ip))
        inode_set_size(ip, pos + n);
    return 0;
}

ssize_t ext2_write(struct ext2_fs *fs, uint32_t ino, uint64_t off, size_t len,
                   const struct ext2_copy *from)
{
    struct inode ip;
    int err = fs_check_writable(fs);
    if (from == NULL || from->copy == NULL)
        return -EINVAL;
    if (err != 0 || (err = file_get(fs, ino, &ip)) != 0)
        return err;
    if (len > IO_MAX)
        len = IO_MAX;
    if (len > 0 && off >= fs->max_file_size)
        err = -EFBIG;
    else if (len > fs->max_file_size - off)
        len = (size_t)(fs->max_file_size - off);
    if (err == 0 && len > 0 && off > inode_size(&ip))
        err = zero_tail(fs, &ip, inode_size(&ip));
    size_t done = 0;
    while (err == 0 && done < len) {
        size_t n = piece_len(fs, off + done, len - done);
        if ((err = write_piece(fs, &ip, off + done, n, from, done)) == 0)
            done += n;
    }
    if (done > 0) {
        fs_note_size(fs, inode_size(&ip));
        inode_touch(fs, &ip, true);
    }
    inode_release(fs, &ip);
    return done > 0 ? (ssize_t)done : err;
}
