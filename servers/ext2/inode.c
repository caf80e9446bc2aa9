/*
 * Inodes: finding them in the inode tables, the fields helpers, and
 * deletion.
 *
 * There is no separate in-core inode copy: a struct inode holds the cache
 * buffer of the inode table block and points at the on-disk inode inside
 * it, so the cache is the one copy and a change is made (and later written)
 * by changing that block. Two handles on the same inode share the bytes.
 *
 * An inode is live while it has links or the server holds a reference
 * (iref.c). When the last of both goes, inode_reap deletes it: its blocks
 * are truncated away, its extended attribute block released (freed only
 * when no other inode shares it), i_dtime set and its bitmap bit cleared.
 * If the truncation fails part way (a device error), the inode stays
 * allocated with no links: nothing is freed that something still uses.
 */
#include <string.h>

#include "core.h"

bool ino_valid(const struct ext2_fs *fs, uint32_t ino)
{
    return ino == EXT2_ROOT_INO || (ino >= fs->first_ino && ino <= fs->inodes_count);
}

/* Hold the table block of inode ino, whatever its state. */
int inode_load(struct ext2_fs *fs, uint32_t ino, struct inode *ip)
{
    ip->bp = NULL;
    ip->raw = NULL;
    if (!ino_valid(fs, ino))
        return -EINVAL;
    uint32_t group = (ino - 1) / fs->inodes_per_group;
    uint32_t index = (ino - 1) % fs->inodes_per_group;
    uint32_t blk = fs->groups[group].bg_inode_table + index / fs->inodes_per_block;
    int err = buf_read(fs->cache, blk, &ip->bp);
    if (err != 0)
        return err;
    ip->ino = ino;
    ip->raw = (struct ext2_inode *)(ip->bp->data + (index % fs->inodes_per_block) * fs->inode_size);
    return 0;
}

static bool mode_type_valid(uint32_t type)
{
    switch (type) {
    case EXT2_S_IFREG:
    case EXT2_S_IFDIR:
    case EXT2_S_IFLNK:
    case EXT2_S_IFCHR:
    case EXT2_S_IFBLK:
    case EXT2_S_IFIFO:
    case EXT2_S_IFSOCK:
        return true;
    default:
        return false;
    }
}

/* The checks every live inode must pass before its fields are used. */
static int inode_check(struct ext2_fs *fs, struct inode *ip)
{
    if (!mode_type_valid(inode_type(ip)))
        return fs_corrupt(fs, "inode %u: bad mode %#o", ip->ino, ip->raw->i_mode);
    if (inode_is_reg(ip) && inode_size(ip) > fs->map_blocks << fs->block_log)
        return fs_corrupt(fs, "inode %u: size too large", ip->ino);
    if (inode_is_dir(ip) && (ip->raw->i_size == 0 || ip->raw->i_size % fs->block_size != 0))
        return fs_corrupt(fs, "directory %u: bad size %u", ip->ino, ip->raw->i_size);
    return 0;
}

/* Hold inode ino if it is live (linked or referenced): -ESTALE if not. */
int inode_get_live(struct ext2_fs *fs, uint32_t ino, struct inode *ip)
{
    int err = inode_load(fs, ino, ip);
    if (err != 0)
        return err;
    if (ip->raw->i_links_count == 0 && iref_count(fs, ino) == 0)
        err = -ESTALE;
    else
        err = inode_check(fs, ip);
    if (err != 0)
        inode_release(fs, ip);
    return err;
}

/* Hold the inode a directory entry names: it must be live. */
int inode_get_entry(struct ext2_fs *fs, uint32_t ino, struct inode *ip)
{
    int err = inode_get_live(fs, ino, ip);
    if (err == -ESTALE || err == -EINVAL)
        err = fs_corrupt(fs, "directory entry names free inode %u", ino);
    return err;
}

void inode_release(struct ext2_fs *fs, struct inode *ip)
{
    if (ip->bp != NULL)
        buf_release(fs->cache, ip->bp);
    ip->bp = NULL;
    ip->raw = NULL;
}

void inode_dirty(struct inode *ip)
{
    buf_dirty(ip->bp);
}

void inode_set_size(struct inode *ip, uint64_t size)
{
    ip->raw->i_size = (uint32_t)size;
    if (inode_is_reg(ip))
        ip->raw->i_size_high = (uint32_t)(size >> 32);
    inode_dirty(ip);
}

uint32_t inode_uid(const struct inode *ip)
{
    return ip->raw->i_uid | (uint32_t)ip->raw->i_uid_high << 16;
}

uint32_t inode_gid(const struct inode *ip)
{
    return ip->raw->i_gid | (uint32_t)ip->raw->i_gid_high << 16;
}

void inode_set_owner(struct inode *ip, uint32_t uid, uint32_t gid)
{
    ip->raw->i_uid = (uint16_t)uid;
    ip->raw->i_uid_high = (uint16_t)(uid >> 16);
    ip->raw->i_gid = (uint16_t)gid;
    ip->raw->i_gid_high = (uint16_t)(gid >> 16);
    inode_dirty(ip);
}

/* A fast symlink keeps its target in i_block: it owns no blocks except
 * perhaps an extended attribute block. */
bool inode_is_fast_symlink(const struct ext2_fs *fs, const struct inode *ip)
{
    uint32_t xattr_sectors = ip->raw->i_file_acl ? sectors_per_block(fs) : 0;
    return inode_type(ip) == EXT2_S_IFLNK && ip->raw->i_blocks == xattr_sectors;
}

/* Whether i_block holds block numbers (not a device number or a target). */
bool inode_has_block_map(const struct ext2_fs *fs, const struct inode *ip)
{
    uint32_t type = inode_type(ip);
    if (type == EXT2_S_IFLNK)
        return !inode_is_fast_symlink(fs, ip);
    return type == EXT2_S_IFREG || type == EXT2_S_IFDIR;
}

/* Count blocks gained (positive) or freed (negative) in i_blocks. */
void inode_add_blocks(struct ext2_fs *fs, struct inode *ip, int32_t blocks)
{
    int64_t sectors = (int64_t)ip->raw->i_blocks + (int64_t)blocks * sectors_per_block(fs);
    if (sectors < 0 || sectors > UINT32_MAX) {
        fs_corrupt(fs, "inode %u: block count out of range", ip->ino);
        sectors = sectors < 0 ? 0 : UINT32_MAX;
    }
    ip->raw->i_blocks = (uint32_t)sectors;
    inode_dirty(ip);
}

/* Stamp the change time, and the modification time if modified. */
void inode_touch(struct ext2_fs *fs, struct inode *ip, bool modified)
{
    uint32_t now = fs_now(fs);
    ip->raw->i_ctime = now;
    if (modified)
        ip->raw->i_mtime = now;
    inode_dirty(ip);
}

/* Release the extended attribute block: drop this inode's share, freeing
 * the block with the last one. A damaged pointer or header is reported and
 * the block left alone. Fails (keeping the pointer, for a retry) only on a
 * device error. */
static int xattr_release(struct ext2_fs *fs, struct inode *ip)
{
    uint32_t blk = ip->raw->i_file_acl;
    struct buf *bp;
    int err = 0;
    if (blk == 0)
        return 0;
    if (block_check(fs, blk) == 0) {
        if ((err = buf_read(fs->cache, blk, &bp)) != 0)
            return err;
        struct ext2_xattr_header *hdr = (struct ext2_xattr_header *)bp->data;
        bool valid = hdr->h_magic == EXT2_XATTR_MAGIC, last = hdr->h_refcount <= 1;
        if (!valid)
            fs_corrupt(fs, "inode %u: bad extended attribute block %u", ip->ino, blk);
        else if (!last) {
            hdr->h_refcount--;
            buf_dirty(bp);
        }
        buf_release(fs->cache, bp);
        if (valid && last && (err = block_free(fs, blk)) != 0)
            return err;
    }
    ip->raw->i_file_acl = 0;
    inode_add_blocks(fs, ip, -1);
    return 0;
}

/* Delete an inode with no links and no references: its blocks, its
 * attribute block, its bitmap bit, and last i_dtime, which marks it done.
 * A failure leaves it to be run again. */
static int inode_delete(struct ext2_fs *fs, struct inode *ip)
{
    bool is_dir = inode_is_dir(ip);
    int err = 0;
    if (inode_has_block_map(fs, ip))
        err = truncate_blocks(fs, ip, 0);
    if (err != 0 || (err = xattr_release(fs, ip)) != 0 ||
        (err = inode_free_bit(fs, ip->ino, is_dir)) != 0)
        return err;
    inode_set_size(ip, 0);
    ip->raw->i_dtime = fs_now(fs);
    if (ip->raw->i_dtime == 0)
        ip->raw->i_dtime = 1; /* no clock: still mark it deleted */
    inode_dirty(ip);
    return 0;
}

/* Delete inode ino if it has neither links nor references. If that fails,
 * the inode becomes an orphan, to be tried again (iref.c). */
int inode_reap(struct ext2_fs *fs, uint32_t ino)
{
    struct inode ip;
    if (fs->rdonly || iref_count(fs, ino) != 0)
        return 0;
    int err = inode_load(fs, ino, &ip);
    if (err != 0)
        return err;
    if (ip.raw->i_links_count == 0 && ip.raw->i_dtime == 0)
        err = inode_delete(fs, &ip);
    inode_release(fs, &ip);
    if (err != 0)
        orphan_note(fs, ino);
    return err;
}

/* Drop one link; the caller reaps the inode once it lets go of it. */
void inode_drop_link(struct ext2_fs *fs, struct inode *ip)
{
    if (ip->raw->i_links_count == 0)
        fs_corrupt(fs, "inode %u: link count underflow", ip->ino);
    else
        ip->raw->i_links_count--;
    inode_touch(fs, ip, false);
}

/* Fill a newly allocated inode: everything zero but what is given. */
void inode_init(struct ext2_fs *fs, struct inode *ip, uint32_t mode, uint32_t uid, uint32_t gid)
{
    uint32_t now = fs_now(fs);
    memset(ip->raw, 0, fs->inode_size);
    ip->raw->i_mode = (uint16_t)mode;
    ip->raw->i_links_count = 1;
    ip->raw->i_atime = ip->raw->i_ctime = ip->raw->i_mtime = now;
    ip->raw->i_generation = fs->next_generation++;
    inode_set_owner(ip, uid, gid);
}
