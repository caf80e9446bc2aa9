/*
 * Links: adding a name for an inode, and removing names (unlink, rmdir).
 *
 * Removing the last name does not delete the inode at once: inode_reap
 * runs after every handle is let go, and deletes it only if the server
 * holds no reference either; otherwise the last ext2_put does.
 */
#include "core.h"

int ext2_link(struct ext2_fs *fs, uint32_t dir_ino, const char *name, uint32_t ino)
{
    struct inode dir, target;
    struct dir_slot slot;
    size_t len;
    int err = fs_check_writable(fs);
    if (err != 0 || (err = name_check(name, &len)) != 0)
        return err;
    if (name_is_dots(name, len))
        return -EEXIST;
    if ((err = inode_get_live(fs, ino, &target)) != 0)
        return err;
    if (inode_is_dir(&target))
        err = -EPERM;
    else if (target.raw->i_links_count == 0)
        err = -ENOENT;
    else if (target.raw->i_links_count >= EXT2_LINK_MAX)
        err = -EMLINK;
    if (err != 0 || (err = parent_get(fs, dir_ino, false, &dir)) != 0)
        goto out_target;
    if ((err = dir_find_space(fs, &dir, name, len, &slot)) != 0)
        goto out_dir;
    if (slot.bp == NULL && (err = dir_extend(fs, &dir, &slot)) != 0)
        goto out_dir;
    dir_add(fs, &dir, &slot, name, len, ino, target.raw->i_mode);
    target.raw->i_links_count++;
    inode_touch(fs, &target, false);
    dir_slot_release(fs, &slot);
out_dir:
    inode_release(fs, &dir);
out_target:
    inode_release(fs, &target);
    return err;
}

/* A name to remove: its directory, its entry and its inode, all held. */
struct removal {
    struct inode dir;
    struct dir_slot slot;
    struct inode victim;
};

static void removal_release(struct ext2_fs *fs, struct removal *rm)
{
    dir_slot_release(fs, &rm->slot);
    inode_release(fs, &rm->victim);
    inode_release(fs, &rm->dir);
}

/* Find name in dir_ino and hold everything its removal touches. */
static int removal_find(struct ext2_fs *fs, uint32_t dir_ino, const char *name, size_t len,
                        struct removal *rm)
{
    uint32_t ino;
    int err = inode_get_live(fs, dir_ino, &rm->dir);
    if (err != 0)
        return err;
    if (!inode_is_dir(&rm->dir))
        err = -ENOTDIR;
    else if ((err = dir_find(fs, &rm->dir, name, len, &rm->slot, &ino)) == 0)
        err = inode_get_entry(fs, ino, &rm->victim);
    if (err != 0)
        removal_release(fs, rm);
    return err;
}

int ext2_unlink(struct ext2_fs *fs, uint32_t dir_ino, const char *name)
{
    struct removal rm = { 0 };
    size_t len;
    int err = fs_check_writable(fs);
    if (err != 0 || (err = name_check(name, &len)) != 0)
        return err;
    if (name_is_dots(name, len))
        return -EISDIR;
    if ((err = removal_find(fs, dir_ino, name, len, &rm)) != 0)
        return err;
    uint32_t ino = rm.victim.ino;
    if (inode_is_dir(&rm.victim)) {
        removal_release(fs, &rm);
        return -EISDIR;
    }
    dir_remove(fs, &rm.dir, &rm.slot);
    inode_drop_link(fs, &rm.victim);
    removal_release(fs, &rm);
    return inode_reap(fs, ino);
}

/* Why directory victim may not be removed, or 0. */
static int rmdir_check(struct ext2_fs *fs, struct removal *rm)
{
    if (!inode_is_dir(&rm->victim))
        return -ENOTDIR;
    if (rm->victim.ino == EXT2_ROOT_INO || rm->victim.ino == rm->dir.ino)
        return -EBUSY;
    int empty = dir_is_empty(fs, &rm->victim);
    if (empty < 0)
        return empty;
    return empty ? 0 : -ENOTEMPTY;
}

int ext2_rmdir(struct ext2_fs *fs, uint32_t dir_ino, const char *name)
{
    struct removal rm = { 0 };
    size_t len;
    int err = fs_check_writable(fs);
    if (err != 0 || (err = name_check(name, &len)) != 0)
        return err;
    if (name_is_dots(name, len))
        return len == 1 ? -EINVAL : -ENOTEMPTY;
    if ((err = removal_find(fs, dir_ino, name, len, &rm)) != 0)
        return err;
    uint32_t ino = rm.victim.ino;
    if ((err = rmdir_check(fs, &rm)) != 0) {
        removal_release(fs, &rm);
        return err;
    }
    dir_remove(fs, &rm.dir, &rm.slot);
    rm.victim.raw->i_links_count = 0;
    inode_touch(fs, &rm.victim, false);
    inode_drop_link(fs, &rm.dir); /* the victim's ".." */
    removal_release(fs, &rm);
    return inode_reap(fs, ino);
}
