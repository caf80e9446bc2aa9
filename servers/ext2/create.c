/*
 * Making new inodes: regular files, directories, device nodes, FIFOs and
 * sockets, and (for symlink.c) symbolic links.
 *
 * node_create works in two halves. First it checks and gathers: the
 * parent is a live directory, the name is free, there is room for the
 * entry; then it allocates the inode, the first block if the new inode
 * needs one (a directory, a long symlink), and a new directory block if
 * the entry needs one, undoing earlier allocations if a later one fails.
 * Only then does it fill the inode and add the entry, steps that cannot
 * fail. The directory grows last since a grown directory is fine to keep.
 */
#include <string.h>

#include "core.h"

/* The parent of a new entry: a live directory that may get one. */
int parent_get(struct ext2_fs *fs, uint32_t ino, bool adds_subdir, struct inode *dir)
{
    int err = inode_get_live(fs, ino, dir);
    if (err != 0)
        return err;
    if (!inode_is_dir(dir))
        err = -ENOTDIR;
    else if (dir->raw->i_links_count == 0)
        err = -ENOENT; /* removed, still referenced */
    else if (adds_subdir && dir->raw->i_links_count >= EXT2_LINK_MAX)
        err = -EMLINK;
    if (err != 0)
        inode_release(fs, dir);
    return err;
}

/* The blocks and inode a new node takes, held until it is committed. */
struct node_parts {
    struct inode ip;
    struct buf *block;    /* its first block, or NULL */
    struct dir_slot slot; /* where its entry goes */
};

static bool needs_block(const struct node_spec *spec)
{
    uint32_t type = spec->mode & EXT2_S_IFMT;
    return type == EXT2_S_IFDIR || (type == EXT2_S_IFLNK && spec->target_len >= EXT2_FAST_LINK_MAX);
}

/* Allocate the inode and its first block: on failure nothing is kept. */
static int alloc_node(struct ext2_fs *fs, struct inode *dir, const struct node_spec *spec,
                      struct node_parts *parts)
{
    bool is_dir = (spec->mode & EXT2_S_IFMT) == EXT2_S_IFDIR;
    uint32_t ino, blk;
    int err = inode_alloc(fs, dir->ino, is_dir, &ino);
    if (err != 0)
        return err;
    if ((err = inode_load(fs, ino, &parts->ip)) != 0)
        goto free_inode;
    if (!needs_block(spec))
        return 0;
    uint32_t goal = group_first_block(fs, (ino - 1) / fs->inodes_per_group);
    if ((err = block_alloc(fs, goal, &blk)) != 0)
        goto release;
    if ((err = buf_fresh(fs->cache, blk, &parts->block)) == 0)
        return 0;
    block_free(fs, blk);
release:
    inode_release(fs, &parts->ip);
free_inode:
    inode_free_bit(fs, ino, is_dir);
    return err;
}

static void free_node(struct ext2_fs *fs, const struct node_spec *spec, struct node_parts *parts)
{
    bool is_dir = (spec->mode & EXT2_S_IFMT) == EXT2_S_IFDIR;
    if (parts->block != NULL) {
        uint32_t blk = parts->block->blockno;
        buf_release(fs->cache, parts->block);
        block_free(fs, blk);
    }
    uint32_t ino = parts->ip.ino;
    inode_release(fs, &parts->ip);
    inode_free_bit(fs, ino, is_dir);
}

/* Encode a device number in i_block the way Linux does: the old 8:8 form
 * in i_block[0] when it fits, else the new 12:20 form in i_block[1]. */
static void encode_rdev(struct ext2_inode *raw, uint32_t major, uint32_t minor)
{
    if (major < 256 && minor < 256)
        raw->i_block[0] = major << 8 | minor;
    else
        raw->i_block[1] = (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

/* Fill the new inode and its first block. */
static void fill_node(struct ext2_fs *fs, struct inode *dir, const struct node_spec *spec,
                      struct node_parts *parts)
{
    struct inode *ip = &parts->ip;
    uint32_t mode = spec->mode, gid = spec->cred->gid;
    if (dir->raw->i_mode & EXT2_S_ISGID) {
        gid = inode_gid(dir);
        if ((mode & EXT2_S_IFMT) == EXT2_S_IFDIR)
            mode |= EXT2_S_ISGID;
    }
    inode_init(fs, ip, mode, spec->cred->uid, gid);
    uint32_t type = mode & EXT2_S_IFMT;
    if (type == EXT2_S_IFCHR || type == EXT2_S_IFBLK)
        encode_rdev(ip->raw, spec->major, spec->minor);
    if (type == EXT2_S_IFLNK && parts->block == NULL)
        memcpy(ip->raw->i_block, spec->target, spec->target_len);
    if (type == EXT2_S_IFLNK)
        inode_set_size(ip, spec->target_len);
    if (parts->block == NULL)
        return;
    if (type == EXT2_S_IFDIR) {
        dir_init_block(fs, parts->block->data, ip->ino, dir->ino);
        ip->raw->i_links_count = 2;
        inode_set_size(ip, fs->block_size);
    } else {
        memcpy(parts->block->data, spec->target, spec->target_len);
    }
    ip->raw->i_block[0] = parts->block->blockno;
    inode_add_blocks(fs, ip, 1);
}

static int node_create_in(struct ext2_fs *fs, struct inode *dir, const char *name, size_t len,
                          const struct node_spec *spec, uint32_t *out)
{
    struct node_parts parts = { 0 };
    int err = dir_find_space(fs, dir, name, len, &parts.slot);
    if (err != 0)
        return err;
    if ((err = alloc_node(fs, dir, spec, &parts)) != 0)
        goto out;
    if (parts.slot.bp == NULL && (err = dir_extend(fs, dir, &parts.slot)) != 0) {
        free_node(fs, spec, &parts);
        goto out;
    }
    /* Committed: nothing below can fail. */
    fill_node(fs, dir, spec, &parts);
    dir_add(fs, dir, &parts.slot, name, len, parts.ip.ino, parts.ip.raw->i_mode);
    if ((spec->mode & EXT2_S_IFMT) == EXT2_S_IFDIR) {
        dir->raw->i_links_count++;
        inode_dirty(dir);
    }
    *out = parts.ip.ino;
    if (parts.block != NULL)
        buf_release(fs->cache, parts.block);
    inode_release(fs, &parts.ip);
out:
    dir_slot_release(fs, &parts.slot);
    return err;
}

int node_create(struct ext2_fs *fs, uint32_t dir_ino, const char *name,
                const struct node_spec *spec, uint32_t *out)
{
    struct inode dir;
    size_t len;
    bool is_dir = (spec->mode & EXT2_S_IFMT) == EXT2_S_IFDIR;
    int err = fs_check_writable(fs);
    if (err != 0 || (err = name_check(name, &len)) != 0)
        return err;
    if (spec->cred == NULL || out == NULL)
        return -EINVAL;
    if (name_is_dots(name, len))
        return -EEXIST;
    if ((err = parent_get(fs, dir_ino, is_dir, &dir)) != 0)
        return err;
    err = node_create_in(fs, &dir, name, len, spec, out);
    inode_release(fs, &dir);
    return err;
}

int ext2_create(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t mode,
                const struct ext2_cred *cred, uint32_t *ino)
{
    uint32_t type = mode & EXT2_S_IFMT;
    if (type != 0 && type != EXT2_S_IFREG)
        return -EINVAL;
    struct node_spec spec = { .mode = EXT2_S_IFREG | (mode & EXT2_S_PERM), .cred = cred };
    return node_create(fs, dir, name, &spec, ino);
}

int ext2_mkdir(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t mode,
               const struct ext2_cred *cred, uint32_t *ino)
{
    struct node_spec spec = { .mode = EXT2_S_IFDIR | (mode & EXT2_S_PERM), .cred = cred };
    return node_create(fs, dir, name, &spec, ino);
}

int ext2_mknod(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t mode, uint32_t major,
               uint32_t minor, const struct ext2_cred *cred, uint32_t *ino)
{
    uint32_t type = mode & EXT2_S_IFMT;
    bool is_dev = type == EXT2_S_IFCHR || type == EXT2_S_IFBLK;
    if (!is_dev && type != EXT2_S_IFIFO && type != EXT2_S_IFSOCK && type != EXT2_S_IFREG)
        return -EINVAL;
    if (is_dev && (major >= (1u << 12) || minor >= (1u << 20)))
        return -EINVAL;
    struct node_spec spec = {
        .mode = type | (mode & EXT2_S_PERM),
        .cred = cred,
        .major = is_dev ? major : 0,
        .minor = is_dev ? minor : 0,
    };
    return node_create(fs, dir, name, &spec, ino);
}
