/*
 * Inode attributes: what stat shows, and what chmod, chown, utimes and
 * truncate change.
 *
 * Permission checks are vfs's: the core applies what it is asked. A size
 * change is done first since it is the only part that can fail; the other
 * fields follow it.
 */
#include "core.h"

/* A device number from i_block: the old 8:8 form in i_block[0], or the
 * new 12:20 form in i_block[1] when i_block[0] is zero. */
static void decode_rdev(const struct ext2_inode *raw, uint32_t *major, uint32_t *minor)
{
    uint32_t old = raw->i_block[0], new = raw->i_block[1];
    if (old != 0) {
        *major = (old >> 8) & 0xff;
        *minor = old & 0xff;
    } else {
        *major = (new >> 8) & 0xfff;
        *minor = (new & 0xff) | ((new >> 12) & 0xfff00);
    }
}

/* Times are signed 32-bit seconds on disk, as Linux reads them. */
static int64_t disk_time(uint32_t t)
{
    return (int32_t)t;
}

int ext2_getattr(struct ext2_fs *fs, uint32_t ino, struct ext2_attr *attr)
{
    struct inode ip;
    if (attr == NULL)
        return -EINVAL;
    int err = inode_get_live(fs, ino, &ip);
    if (err != 0)
        return err;
    const struct ext2_inode *raw = ip.raw;
    *attr = (struct ext2_attr){
        .ino = ino,
        .mode = raw->i_mode,
        .nlink = raw->i_links_count,
        .uid = inode_uid(&ip),
        .gid = inode_gid(&ip),
        .size = inode_size(&ip),
        .blocks = raw->i_blocks,
        .block_size = fs->block_size,
        .atime = disk_time(raw->i_atime),
        .mtime = disk_time(raw->i_mtime),
        .ctime = disk_time(raw->i_ctime),
    };
    if (inode_type(&ip) == EXT2_S_IFCHR || inode_type(&ip) == EXT2_S_IFBLK)
        decode_rdev(raw, &attr->rdev_major, &attr->rdev_minor);
    inode_release(fs, &ip);
    return 0;
}

static int check_change(const struct ext2_fs *fs, const struct inode *ip,
                        const struct ext2_attr_change *change)
{
    if (change->mask & ~(uint32_t)(EXT2_SET_MODE | EXT2_SET_UID | EXT2_SET_GID | EXT2_SET_SIZE |
                                   EXT2_SET_ATIME | EXT2_SET_MTIME))
        return -EINVAL;
    if (!(change->mask & EXT2_SET_SIZE))
        return 0;
    if (inode_is_dir(ip))
        return -EISDIR;
    if (!inode_is_reg(ip))
        return -EINVAL;
    return change->size > fs->max_file_size ? -EFBIG : 0;
}

/* The fields that cannot fail, after the size. */
static void apply_change(struct ext2_fs *fs, struct inode *ip,
                         const struct ext2_attr_change *change)
{
    struct ext2_inode *raw = ip->raw;
    uint32_t mask = change->mask;
    if (mask & EXT2_SET_MODE)
        raw->i_mode = (uint16_t)((raw->i_mode & EXT2_S_IFMT) | (change->mode & EXT2_S_PERM));
    if (mask & (EXT2_SET_UID | EXT2_SET_GID))
        inode_set_owner(ip, mask & EXT2_SET_UID ? change->uid : inode_uid(ip),
                        mask & EXT2_SET_GID ? change->gid : inode_gid(ip));
    if (mask & EXT2_SET_ATIME)
        raw->i_atime = (uint32_t)change->atime;
    if (mask & EXT2_SET_MTIME)
        raw->i_mtime = (uint32_t)change->mtime;
    inode_touch(fs, ip, false);
}

int ext2_setattr(struct ext2_fs *fs, uint32_t ino, const struct ext2_attr_change *change)
{
    struct inode ip;
    int err = fs_check_writable(fs);
    if (change == NULL)
        return -EINVAL;
    if (err != 0 || (err = inode_get_live(fs, ino, &ip)) != 0)
        return err;
    err = check_change(fs, &ip, change);
    if (err == 0 && (change->mask & EXT2_SET_SIZE) && change->size != inode_size(&ip))
        err = file_resize(fs, &ip, change->size);
    if (err == 0)
        apply_change(fs, &ip, change);
    inode_release(fs, &ip);
    return err;
}
