/*
 * Symbolic links. A target shorter than 60 bytes is kept in i_block (a
 * fast symlink, owning no block); a longer one, up to a block less one
 * byte, fills the link's one data block, the rest zero as e2fsck expects.
 */
#include <string.h>

#include "core.h"

int ext2_symlink(struct ext2_fs *fs, uint32_t dir, const char *name, const char *target,
                 const struct ext2_cred *cred, uint32_t *ino)
{
    if (target == NULL)
        return -EINVAL;
    size_t len = strnlen(target, fs->block_size);
    if (len == 0)
        return -ENOENT;
    if (len >= fs->block_size)
        return -ENAMETOOLONG;
    struct node_spec spec = {
        .mode = EXT2_S_IFLNK | 0777,
        .cred = cred,
        .target = target,
        .target_len = len,
    };
    return node_create(fs, dir, name, &spec, ino);
}

/* Copy up to size bytes of a checked target of length len. */
static ssize_t copy_target(struct ext2_fs *fs, struct inode *ip, uint32_t len, char *buf,
                           size_t size)
{
    size_t n = len < size ? len : size;
    if (n == 0)
        return 0;
    if (inode_is_fast_symlink(fs, ip)) {
        memcpy(buf, ip->raw->i_block, n);
        return (ssize_t)n;
    }
    uint32_t pblk;
    struct buf *bp;
    int err = bmap_lookup(fs, ip, 0, &pblk);
    if (err != 0)
        return err;
    if (pblk == 0)
        return fs_corrupt(fs, "symlink %u has no block", ip->ino);
    if ((err = buf_read(fs->cache, pblk, &bp)) != 0)
        return err;
    memcpy(buf, bp->data, n);
    buf_release(fs->cache, bp);
    return (ssize_t)n;
}

ssize_t ext2_readlink(struct ext2_fs *fs, uint32_t ino, char *buf, size_t size)
{
    struct inode ip;
    if (buf == NULL && size > 0)
        return -EINVAL;
    int err = inode_get_live(fs, ino, &ip);
    if (err != 0)
        return err;
    uint32_t len = ip.raw->i_size;
    ssize_t r;
    if (inode_type(&ip) != EXT2_S_IFLNK)
        r = -EINVAL;
    else if (len == 0 || len >= fs->block_size ||
             (inode_is_fast_symlink(fs, &ip) && len >= EXT2_FAST_LINK_MAX))
        r = fs_corrupt(fs, "symlink %u: bad length %u", ino, len);
    else
        r = copy_target(fs, &ip, len, buf, size);
    inode_release(fs, &ip);
    return r;
}
